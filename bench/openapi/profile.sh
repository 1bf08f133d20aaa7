#!/usr/bin/env bash
# Where the flow server spends its CPU under one scenario of bench/run.sh, with Java Flight Recorder.
# Starts flow-server.jar pinned like run.sh (core 0, wrk on core 1), deploys the echo flow and the OpenAPI
# flows d and e, warms up, records JFR during one measured wrk run, and prints the hottest methods: by self
# time (the top frame of each sample) and by inclusive time (samples with the method anywhere on the stack).
# Usage: bench/openapi/profile.sh [post|get|echo-post|echo-get]   (default post = scenario d)
# Environment: DURATION (20s), WARMUP (15s), CONNECTIONS (32), TOP (25), JAVA_OPTS as in run.sh.
set -euo pipefail

OPENAPI_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_DIR=$(dirname "$OPENAPI_DIR")
ROOT=$(dirname "$BENCH_DIR")
SCENARIO=${1:-post}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-15s}
CONNECTIONS=${CONNECTIONS:-32}
TOP=${TOP:-25}
JAVA_OPTS=${JAVA_OPTS:--Xms512m -Xmx512m -XX:+UseParallelGC}
RESULTS=$OPENAPI_DIR/results
FLOW_JAR=$ROOT/flow-server/target/flow-server.jar

die() { echo "profile.sh: $*" >&2; exit 1; }
log() { echo "== $*" >&2; }

for cmd in java jcmd jfr jq curl wrk taskset; do command -v "$cmd" >/dev/null || die "$cmd is required"; done
[[ -f $FLOW_JAR ]] || die "$FLOW_JAR is missing: build the server first (mvn -DskipTests package)"
case $SCENARIO in
    post) path=/bench/rs/validated-post/orders; wrk_args=(-s "$BENCH_DIR/post-1k.lua") ;;
    get) path='/bench/rs/validated-get/customers/4711/orders?limit=20&status=open&tag=metal&tag=spare'
         wrk_args=(-H 'X-Request-Id: 5f0c7a2e-9b1d-4c3e-8f6a-2d4b1e7c9a10') ;;
    echo-post) path=/bench/rs/echo/hello; wrk_args=(-s "$BENCH_DIR/post-1k.lua") ;;
    echo-get) path=/bench/rs/echo/hello; wrk_args=() ;;
    *) die "unknown scenario '$SCENARIO' (use post, get, echo-post, echo-get)" ;;
esac
if (( $(nproc) >= 2 )); then PIN_SERVER=(taskset -c 0); PIN_LOAD=(taskset -c 1); else PIN_SERVER=(); PIN_LOAD=(); fi
read -ra JOPTS <<< "$JAVA_OPTS"

WORK=$(mktemp -d -t flowserver-profile.XXXXXX)
mkdir -p "$RESULTS"
SERVER_PID=""
trap '[[ -z $SERVER_PID ]] || { kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null; }; rm -rf "$WORK"' EXIT
cp "$FLOW_JAR" "$WORK/flow-server.jar"
port=$((20000 + RANDOM % 40000))
base=http://127.0.0.1:$port
"${PIN_SERVER[@]}" java "${JOPTS[@]}" -XX:FlightRecorderOptions=stackdepth=512 -jar "$WORK/flow-server.jar" \
    --host=127.0.0.1 --port="$port" --data-dir="$WORK/data" --deploy="$BENCH_DIR/echo-flow.json" \
    >"$RESULTS/profile-server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 120); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$base/health") == 200 ]] && break
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited; see $RESULTS/profile-server.log"
    sleep 0.5
done
put() {
    local code
    code=$(curl -s -o "$WORK/out" -w '%{http_code}' -X PUT -H "Content-Type: $2" --data-binary "@$3" "$base$1")
    [[ $code == 201 ]] || die "PUT $1 answered $code: $(head -c 400 "$WORK/out")"
}
put /api/specs/bench/orders application/yaml "$OPENAPI_DIR/specs/orders.yaml"
put /api/specs/bench/customer-orders application/yaml "$OPENAPI_DIR/specs/customer-orders.yaml"
put /api/flows/bench/validated-post application/json "$OPENAPI_DIR/flows/validated-post.json"
put /api/flows/bench/validated-get application/json "$OPENAPI_DIR/flows/validated-get.json"

export BENCH_PAYLOAD=$BENCH_DIR/payload-1k.json
log "$SCENARIO: warm-up ($WARMUP)"
"${PIN_LOAD[@]}" wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "${wrk_args[@]}" "$base$path" >/dev/null
jfr_file=$RESULTS/profile-$SCENARIO.jfr
# Only execution samples, every 10 ms: the "profile" settings also record thread parks and allocations, which
# costs this server more than half its throughput.
cat >"$WORK/samples.jfc" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<configuration version="2.0" label="execution samples">
  <event name="jdk.ExecutionSample"><setting name="enabled">true</setting><setting name="period">10 ms</setting></event>
</configuration>
EOF
jcmd "$SERVER_PID" JFR.start name=bench settings="$WORK/samples.jfc" >/dev/null
log "$SCENARIO: recording ($DURATION)"
"${PIN_LOAD[@]}" wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "${wrk_args[@]}" "$base$path" >"$RESULTS/profile-$SCENARIO-wrk.txt"
jcmd "$SERVER_PID" JFR.stop name=bench filename="$jfr_file" >/dev/null
grep -q 'Non-2xx' "$RESULTS/profile-$SCENARIO-wrk.txt" && die "wrk saw errors: $(cat "$RESULTS/profile-$SCENARIO-wrk.txt")"

jfr print --json --stack-depth 512 --events jdk.ExecutionSample "$jfr_file" >"$WORK/samples.json"
echo "# JFR profile of scenario '$SCENARIO', $(awk '/^Requests\/sec:/ {print $2}' "$RESULTS/profile-$SCENARIO-wrk.txt") requests/s while recording"
echo
echo "Samples: $(jq '.recording.events | length' "$WORK/samples.json") (jdk.ExecutionSample every 10 ms, all threads). Recording: ${jfr_file#"$ROOT"/}"
echo
echo "## Self time (top frame), top $TOP"
echo
echo "| % | samples | method |"
echo "| ---: | ---: | --- |"
jq -r --argjson top "$TOP" '.recording.events | length as $n
    | map(.values.stackTrace.frames[0].method | "\(.type.name | gsub("/"; ".")).\(.name)") | group_by(.) | map([length, .[0]])
    | sort_by(-.[0]) | .[:$top][] | "| \(100 * .[0] / $n | . * 10 | round / 10) | \(.[0]) | `\(.[1])` |"' \
    "$WORK/samples.json"
echo
echo "## Inclusive time (anywhere on the stack), top $TOP of org.flowserver, com.networknt, com.fasterxml, io.swagger, java.util.regex"
echo
echo "| % | samples | method |"
echo "| ---: | ---: | --- |"
jq -r --argjson top "$TOP" '.recording.events | length as $n
    | map([.values.stackTrace.frames[].method | "\(.type.name | gsub("/"; ".")).\(.name)"]
          | map(select(test("^(org\\.flowserver|com\\.networknt|com\\.fasterxml|io\\.swagger|java\\.util\\.regex)")
                     and (test("\\$\\$Lambda") | not))) | unique)
    | flatten | group_by(.) | map([length, .[0]]) | sort_by(-.[0]) | .[:$top][]
    | "| \(100 * .[0] / $n | . * 10 | round / 10) | \(.[0]) | `\(.[1])` |"' "$WORK/samples.json"
