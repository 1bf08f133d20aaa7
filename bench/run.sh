#!/usr/bin/env bash
# Echo benchmark on loopback: requests/s and p99 latency of
#   a) a raw Vert.x echo server, b) a plain Camel platform-http echo route, c) a generic restApi echo
#   flow on the flow server, for GET and for a 1 KB JSON POST, and on the same flow server d) an OpenAPI
#   restApi flow that validates the 1 KB POST, e) one that validates a GET with parameters; prints the
#   ratios c/a, c/b, d/c and e/c.
# Usage: bench/run.sh [--no-build]     (environment variables: see bench/README.md)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-10s}
CONNECTIONS=${CONNECTIONS:-32}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
SERVERS=${SERVERS:-vertx camel flownotrace flow}
OPENAPI=${OPENAPI:-1}

BENCH_JAR=$BENCH_DIR/target/flowserver-bench.jar
FLOW_JAR=$ROOT/flow-server/target/flow-server.jar
PAYLOAD=$BENCH_DIR/payload-1k.json
OPENAPI_DIR=$BENCH_DIR/openapi
# Scenario e: an integer path parameter, three query parameters (integer, enum, exploded array) and a header.
GET_PARAMS_PATH='/customers/4711/orders?limit=20&status=open&tag=metal&tag=spare'
GET_PARAMS_HEADER='X-Request-Id: 5f0c7a2e-9b1d-4c3e-8f6a-2d4b1e7c9a10'
RESULTS=$BENCH_DIR/results

die() { echo "run.sh: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

build=1
for arg in "$@"; do
    case $arg in
        --no-build) build=0 ;;
        -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
        *) die "unknown argument: $arg (try --help)" ;;
    esac
done

declare -A LABEL=([vertx]="a: raw Vert.x" [camel]="b: Camel platform-http" [flow]="c: flow server restApi"
    [flownotrace]="c0: flow server restApi, traces off"
    [valpost]="d: restApi + OpenAPI, validated POST" [valget]="e: restApi + OpenAPI, validated GET")
for s in $SERVERS; do
    [[ $s == vertx || $s == camel || $s == flow || $s == flownotrace ]] \
        || die "unknown server '$s' in SERVERS (use vertx, camel, flownotrace, flow)"
done
[[ $OPENAPI == 0 || $OPENAPI == 1 ]] || die "OPENAPI is '$OPENAPI'; use 1 (measure d and e with c) or 0"
read -ra JOPTS <<< "$JAVA_OPTS"

# --- prerequisites -------------------------------------------------------------------------------
for cmd in java mvn curl taskset; do command -v "$cmd" >/dev/null || die "$cmd is required"; done
if ! command -v wrk >/dev/null; then
    [[ $(id -u) == 0 ]] || die "wrk is missing: install it with 'sudo apt-get install -y wrk'"
    log "installing wrk"
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

# Server on core 0, load generator on core 1: on a 2-core machine this keeps wrk from stealing the
# server's CPU, so requests/s measures the server, not the scheduler.
if (( $(nproc) >= 2 )); then
    PIN_SERVER=(taskset -c 0); PIN_LOAD=(taskset -c 1); PINNING="server on core 0, wrk on core 1"
else
    PIN_SERVER=(); PIN_LOAD=(); PINNING="none (only $(nproc) core): server and wrk share the CPU"
    log "WARNING: fewer than 2 cores, running unpinned; numbers are not comparable"
fi

# --- build ---------------------------------------------------------------------------------------
mvn_quiet() {  # Maven's output only on failure (even -q prints stray terminal escapes)
    local out
    out=$(mvn -q -B "$@" 2>&1) || { echo "$out" >&2; return 1; }
}
log "building bench jar"
mvn_quiet -f "$BENCH_DIR/pom.xml" -DskipTests package || die "bench build failed"
if [[ " $SERVERS " == *" flow "* ]]; then
    if (( build )); then
        log "building flow server (skip with --no-build)"
        (cd "$ROOT" && mvn_quiet -DskipTests package) \
            || die "flow server build failed; fix it, or measure only a and b with SERVERS=\"vertx camel\""
    fi
    [[ -f $FLOW_JAR ]] || die "$FLOW_JAR is missing: build the flow server first (mvn -DskipTests package)," \
        "or measure only a and b with SERVERS=\"vertx camel\""
fi

# --- server lifecycle ----------------------------------------------------------------------------
WORK=$(mktemp -d -t flowserver-bench.XXXXXX)
# The management user of the benchmark's servers (their stores are thrown away after each run).
ADMIN_PASSWORD=bench-admin-password
mkdir -p "$RESULTS"
rm -f "$RESULTS"/wrk-*.txt "$RESULTS"/server-*.log
SERVER_PID=""
WRK_PID=""

stop_server() {
    [[ -n $SERVER_PID ]] || return 0
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
trap '[[ -z $WRK_PID ]] || kill "$WRK_PID" 2>/dev/null; stop_server; rm -rf "$WORK"' EXIT
trap 'exit 130' INT TERM   # the EXIT trap does the cleaning

free_port() {
    local p
    for _ in $(seq 100); do
        p=$((20000 + RANDOM % 40000))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
    done
    die "no free port found"
}

# Run copies of the jars: a build running beside the benchmark may rewrite them under a live JVM,
# which then fails to load classes and stalls (seen here).
stage_jars() {
    cp "$BENCH_JAR" "$WORK/bench.jar"
    if [[ -f $FLOW_JAR ]]; then cp "$FLOW_JAR" "$WORK/flow-server.jar"; fi
}

# start_server NAME PORT: starts the server in the background and waits until it answers 200.
start_server() {
    local name=$1 port=$2 probe cmd
    case $name in
        vertx|camel)
            cmd=(java "${JOPTS[@]}" -jar "$WORK/bench.jar" "$name" "$port")
            probe=/echo/hello ;;
        flow|flownotrace)
            cmd=(java "${JOPTS[@]}" -jar "$WORK/flow-server.jar" --host=127.0.0.1 --port="$port"
                 --data-dir="$(mktemp -d "$WORK/flow-data.XXXXXX")" --deploy="$BENCH_DIR/echo-flow.json"
                 --admin-password="$ADMIN_PASSWORD")
            [[ $name == flownotrace ]] && cmd+=(--traces-enabled=false)
            probe=/health ;;
    esac
    "${PIN_SERVER[@]}" "${cmd[@]}" >"$RESULTS/server-$name.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 120); do
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -n 40 "$RESULTS/server-$name.log" >&2
            die "${LABEL[$name]} exited during start-up (log above)"
        fi
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port$probe") == 200 ]] && return 0
        sleep 0.5
    done
    tail -n 40 "$RESULTS/server-$name.log" >&2
    die "${LABEL[$name]} did not answer 200 on $probe within 60 s (log above)"
}

# check_echo NAME URL: both scenarios must answer 200 and the POST must echo the payload, otherwise
# we would be measuring error pages.
check_echo() {
    local name=$1 url=$2 code
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url")
    [[ $code == 200 ]] || die "${LABEL[$name]}: GET $url answered $code, expected 200"
    check_post "$name" "$url"
}

# check_post NAME URL: the POST of the payload must answer 200 or 201 and echo it.
check_post() {
    local name=$1 url=$2 code
    code=$(curl -s -D "$WORK/post.headers" -o "$WORK/post.body" -w '%{http_code}' --max-time 5 \
        -H 'Content-Type: application/json' -H 'X-Bench-Probe: leak-check' --data-binary "@$PAYLOAD" "$url")
    # The flow server answers a POST with 201 by contract (DESIGN.md §3); the baselines with 200.
    [[ $code == 200 || ($name != vertx && $name != camel && $code == 201) ]] \
        || die "${LABEL[$name]}: POST $url answered $code, expected 200: $(head -c 300 "$WORK/post.body")"
    if ! cmp -s "$PAYLOAD" "$WORK/post.body"; then
        # A server that parses and re-serialises the JSON may change the bytes but not the document.
        if command -v jq >/dev/null && jq -en --slurpfile a "$PAYLOAD" --slurpfile b "$WORK/post.body" '$a == $b' >/dev/null 2>&1; then
            log "note: ${LABEL[$name]} echoes an equal JSON document, not the same bytes"
        else
            die "${LABEL[$name]}: POST response body differs from the payload: $(head -c 300 "$WORK/post.body")"
        fi
    fi
    if grep -qi '^x-bench-probe:' "$WORK/post.headers"; then
        log "WARNING: ${LABEL[$name]} echoes request headers into the response (unequal work, and a leak)"
    fi
}

# --- measurement ---------------------------------------------------------------------------------
to_ms() {  # wrk prints latencies as e.g. 870.00us, 1.23ms, 2.01s, 1.00m
    awk -v v="$1" 'BEGIN {
        if (!match(v, /[a-z]+$/)) exit 1
        n = substr(v, 1, RSTART - 1); u = substr(v, RSTART)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : (u == "h") ? 3600000 : -1
        if (f < 0) exit 1
        printf "%.2f", n * f }'
}

# wrk_run DURATION URL SCENARIO OUTFILE [WRK ARGS...]. In the background with wait, so that a TERM is
# handled at once (bash defers traps until a foreground child exits).
wrk_run() {
    local args=(-t1 -c"$CONNECTIONS" -d"$1" --latency "${@:5}")
    [[ $3 == POST ]] && args+=(-s "$BENCH_DIR/post-1k.lua")
    BENCH_PAYLOAD=$PAYLOAD "${PIN_LOAD[@]}" wrk "${args[@]}" "$2" >"$4" 2>&1 &
    WRK_PID=$!
    wait "$WRK_PID" || die "wrk failed: $(cat "$4")"
    WRK_PID=""
}

# Pinning cannot keep other processes (a build, a test run) off the two cores. To tell, each
# measurement records the CPU that neither the server nor wrk used: all busy time of the machine
# (/proc/stat) minus the server's and minus wrk's (a waited-for child, so it lands in this shell's
# cutime/cstime). All in clock ticks.
cpu_sample() {
    local m s c
    m=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9; exit}' /proc/stat)
    s=$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")
    c=$(awk '{print $16 + $17}' "/proc/$$/stat")
    echo "$m $s $c"
}
other_cpu_pct() {  # other_cpu_pct "BEFORE" "AFTER": % of the whole machine used by other processes
    awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ")
        o = (y[1] - x[1]) - (y[3] - x[3]) - (y[4] - x[4]); t = y[2] - x[2]
        printf "%.0f", (o > 0 && t > 0) ? 100 * o / t : 0 }'
}

# trace_counts: "written dropped" from the traced flow server's metrics (how many traces it wrote, dropped).
trace_counts() {
    curl -s --max-time 10 -u "admin:$ADMIN_PASSWORD" "$BASE_URL/metrics" | awk '/^flowserver_trace_written_total / {w = $2}
        /^flowserver_trace_dropped_total / {d = $2} END {printf "%.0f %.0f", w, d}'
}

declare -A RPS P99 OTHER TRACES
measure() {  # measure NAME URL SCENARIO [WRK ARGS...]
    local name=$1 url=$2 scenario=$3 out rps p99 errors before traces_before
    log "${LABEL[$name]}: $scenario warm-up ($WARMUP)"
    wrk_run "$WARMUP" "$url" "$scenario" /dev/null "${@:4}"
    log "${LABEL[$name]}: $scenario measuring ($DURATION)"
    before=$(cpu_sample)
    [[ $name == flow ]] && traces_before=$(trace_counts)
    wrk_run "$DURATION" "$url" "$scenario" "$RESULTS/wrk-$name-$scenario.txt" "${@:4}"
    OTHER[$scenario.$name]=$(other_cpu_pct "$before" "$(cpu_sample)")
    if [[ $name == flow && $DURATION =~ ^[0-9]+s$ ]]; then  # traces written and dropped per second while measuring
        TRACES[$scenario]=$(awk -v a="$traces_before" -v b="$(trace_counts)" -v d="${DURATION%s}" 'BEGIN {
            split(a, x, " "); split(b, y, " "); printf "%.0f %.0f", (y[1] - x[1]) / d, (y[2] - x[2]) / d }')
    fi
    if (( OTHER[$scenario.$name] > 5 )); then
        log "WARNING: ${LABEL[$name]} $scenario: other processes used ${OTHER[$scenario.$name]}% of the machine; numbers skewed"
    fi
    out=$(<"$RESULTS/wrk-$name-$scenario.txt")
    errors=$(grep -E 'Non-2xx|Socket errors' <<<"$out" || true)
    grep -q 'Non-2xx' <<<"$out" && die "${LABEL[$name]} $scenario: $errors"
    [[ -n $errors ]] && log "WARNING: ${LABEL[$name]} $scenario: $errors"
    rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    [[ -n $rps && -n $p99 ]] || die "cannot parse wrk output:"$'\n'"$out"
    [[ $rps != 0.00 ]] || die "${LABEL[$name]} $scenario: no request completed in $DURATION (server stalled?);" \
        "see ${RESULTS#"$ROOT"/}/server-$name.log"
    RPS[$scenario.$name]=$(printf '%.0f' "$rps")
    P99[$scenario.$name]=$(to_ms "$p99") || die "unknown latency unit in '$p99'"
}

# --- OpenAPI flows (d, e) on the flow server ----------------------------------------------------------

# api_put PATH CONTENT-TYPE FILE WHAT: PUT to the management API, which must answer 201.
api_put() {
    local code
    code=$(curl -s -o "$WORK/api.body" -w '%{http_code}' --max-time 60 -u "admin:$ADMIN_PASSWORD" -X PUT -H "Content-Type: $2" \
        --data-binary "@$3" "$BASE_URL$1")
    [[ $code == 201 ]] || die "$4: PUT $1 answered $code, expected 201: $(head -c 600 "$WORK/api.body")"
}

# Uploads the two specs and deploys the two flows that name them, beside the echo flow.
deploy_openapi() {
    log "uploading the specs and deploying the OpenAPI flows d and e"
    api_put /api/specs/bench/orders application/yaml "$OPENAPI_DIR/specs/orders.yaml" "spec of d"
    api_put /api/specs/bench/customer-orders application/yaml "$OPENAPI_DIR/specs/customer-orders.yaml" "spec of e"
    api_put /api/flows/bench/validated-post application/json "$OPENAPI_DIR/flows/validated-post.json" "flow d"
    api_put /api/flows/bench/validated-get application/json "$OPENAPI_DIR/flows/validated-get.json" "flow e"
}

# check_validated: d must echo the valid payload with 201 and refuse an invalid one with 400, e must answer
# the valid GET with 200 and refuse bad parameters with 400; otherwise validation may not be running.
check_validated() {
    local code
    check_post valpost "$BASE_URL/bench/rs/validated-post/orders"
    sed -e 's/"ORD-2026-000123"/"ORDER-123"/' -e 's/"qty":4/"qty":0/' "$PAYLOAD" >"$WORK/invalid.json"
    code=$(curl -s -o "$WORK/post.body" -w '%{http_code}' --max-time 5 -H 'Content-Type: application/json' \
        --data-binary "@$WORK/invalid.json" "$BASE_URL/bench/rs/validated-post/orders")
    [[ $code == 400 ]] || die "${LABEL[valpost]}: an invalid order answered $code, expected 400: $(head -c 300 "$WORK/post.body")"
    code=$(curl -s -o "$WORK/get.body" -w '%{http_code}' --max-time 5 -H "$GET_PARAMS_HEADER" \
        "$BASE_URL/bench/rs/validated-get$GET_PARAMS_PATH")
    [[ $code == 200 ]] || die "${LABEL[valget]}: GET answered $code, expected 200: $(head -c 300 "$WORK/get.body")"
    code=$(curl -s -o "$WORK/get.body" -w '%{http_code}' --max-time 5 -H 'X-Request-Id: not-a-uuid' \
        "$BASE_URL/bench/rs/validated-get/customers/4711/orders?limit=1000")
    [[ $code == 400 ]] || die "${LABEL[valget]}: GET with bad parameters answered $code, expected 400: $(head -c 300 "$WORK/get.body")"
}

stage_jars

for name in $SERVERS; do
    port=$(free_port)
    BASE_URL=http://127.0.0.1:$port
    log "starting ${LABEL[$name]} on 127.0.0.1:$port"
    start_server "$name" "$port"
    if [[ $name == flow* ]]; then url=$BASE_URL/bench/rs/echo/hello; else url=$BASE_URL/echo/hello; fi
    if [[ $name == flow && $OPENAPI == 1 ]]; then deploy_openapi; fi
    check_echo "$name" "$url"
    if [[ $name == flow && $OPENAPI == 1 ]]; then check_validated; fi
    measure "$name" "$url" GET
    measure "$name" "$url" POST
    if [[ $name == flow && $OPENAPI == 1 ]]; then
        # d and e run on the same server process as c, after it: same JIT state, same heap.
        measure valpost "$BASE_URL/bench/rs/validated-post/orders" POST
        measure valget "$BASE_URL/bench/rs/validated-get$GET_PARAMS_PATH" GET -H "$GET_PARAMS_HEADER"
    fi
    stop_server
done

# --- report --------------------------------------------------------------------------------------
ratio() {  # ratio SCENARIO NUM DEN: n/a when either server was not measured
    local n=${RPS[$1.$2]:-} d=${RPS[$1.$3]:-}
    if [[ -n $n && -n $d ]]; then awk -v n="$n" -v d="$d" 'BEGIN { printf "%.2f", n / d }'; else echo "n/a"; fi
}

report() {
    echo "# Echo benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "- Machine: $(nproc) cores, $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo || true)"
    echo "- Java: $(java -version 2>&1 | head -n 1 || true)"
    echo "- wrk: $(wrk -v 2>&1 | head -n 1 || true)"
    echo "- Load: wrk -t1 -c$CONNECTIONS, warm-up $WARMUP (not recorded), measured $DURATION; POST body $(wc -c <"$PAYLOAD") bytes of JSON"
    if [[ -n ${RPS[POST.valpost]:-} ]]; then
        echo "- d: POST /bench/rs/validated-post/orders, the same body, validated against bench/openapi/specs/orders.yaml"
        echo "- e: GET /bench/rs/validated-get$GET_PARAMS_PATH with $GET_PARAMS_HEADER, validated against bench/openapi/specs/customer-orders.yaml"
    fi
    echo "- JVM options (all servers): $JAVA_OPTS"
    echo "- Pinning: $PINNING"
    echo
    echo "| scenario | server | requests/s | p99 ms | other CPU % |"
    echo "| --- | --- | ---: | ---: | ---: |"
    for scenario in GET POST; do
        for name in vertx camel flownotrace flow valget valpost; do
            [[ -n ${RPS[$scenario.$name]:-} ]] || continue
            echo "| $scenario | ${LABEL[$name]} | ${RPS[$scenario.$name]} | ${P99[$scenario.$name]} | ${OTHER[$scenario.$name]} |"
        done
    done
    echo
    if [[ -n ${RPS[GET.flow]:-} ]] && [[ -n ${RPS[GET.vertx]:-} || -n ${RPS[GET.camel]:-} ]]; then
        echo "| requests/s ratio | GET | POST |"
        echo "| --- | ---: | ---: |"
        if [[ -n ${RPS[GET.vertx]:-} ]]; then
            echo "| c/a (flow server / raw Vert.x) | $(ratio GET flow vertx) | $(ratio POST flow vertx) |"
        fi
        if [[ -n ${RPS[GET.camel]:-} ]]; then
            echo "| c/b (flow server / plain Camel; target >= 0.8) | $(ratio GET flow camel) | $(ratio POST flow camel) |"
        fi
    else
        echo "Ratios c/a and c/b need the flow server (c) and a baseline; not computed in this run."
    fi
    if [[ -n ${RPS[GET.flow]:-} && -n ${RPS[GET.flownotrace]:-} ]]; then
        echo
        echo "| tracing requests/s ratio | GET | POST | target |"
        echo "| --- | ---: | ---: | --- |"
        echo "| c/c0 (traces on / traces off) | $(ratio GET flow flownotrace) | $(ratio POST flow flownotrace) | >= 0.9 |"
        echo
        echo "While c was measured, its trace writer wrote and dropped (per second; drops at saturation are by design,"
        echo "see docs/traces.md):"
        echo
        echo "| scenario | traces written/s | traces dropped/s |"
        echo "| --- | ---: | ---: |"
        for scenario in GET POST; do
            if [[ -n ${TRACES[$scenario]:-} ]]; then
                read -r w d <<<"${TRACES[$scenario]}"
                echo "| $scenario | $w | $d |"
            fi
        done
    fi
    if [[ -n ${RPS[POST.valpost]:-} ]]; then
        echo
        echo "| OpenAPI requests/s ratio (same server process) | ratio | target |"
        echo "| --- | ---: | --- |"
        echo "| d/c POST (validated POST / generic echo POST) | $(ratio POST valpost flow) | >= 0.7 |"
        echo "| e/c GET (validated GET with parameters / generic echo GET) | $(ratio GET valget flow) | none |"
    fi
    # b/a is not asked for, but tells how much of the gap is Camel's own.
    if [[ -n ${RPS[GET.vertx]:-} && -n ${RPS[GET.camel]:-} ]]; then
        echo
        echo "For reference, b/a (plain Camel / raw Vert.x): GET $(ratio GET camel vertx), POST $(ratio POST camel vertx)."
    fi
}

report | tee "$RESULTS/latest.md"
echo >&2
log "written to ${RESULTS#"$ROOT"/}/latest.md (raw wrk output next to it)"
