-- POST the 1 KB JSON payload on every request. run.sh passes the file's path in BENCH_PAYLOAD so the
-- script works from any directory.
local path = os.getenv("BENCH_PAYLOAD") or "bench/payload-1k.json"
local f = assert(io.open(path, "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
