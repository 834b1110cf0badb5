#!/usr/bin/env bash
# The benchmark (README "Benchmarks"): AWS calls per refresh cycle and by phase for the four stores against the
# peers' strategy, cold convergence against the API server's raw write rate, rotation latency with change events
# and with polling, idle calls with events on, rotations during an event-source outage, and operator memory, on
# the same real servers as the tests. Prints the tables and writes them, with the machine and the date, to
# docs/benchmarks.md (BENCH_OUTPUT moves it). About 40 minutes on 2 cores.
#   --quick   small sizes and short windows (a few minutes): checks that every part runs; its report goes to
#             e2e/target/benchmark-quick.md unless BENCH_OUTPUT says otherwise, and its figures mean little.
# Other arguments go to Maven: -Dbench.*=... sets the sizes, run counts and seed (see BenchConfig.java and
# EventsConfig.java in e2e/src/test/java/dev/fidelius/e2e/bench/).
set -euo pipefail
cd "$(dirname "$0")/.."
quick=()
if [ "${1:-}" = "--quick" ]; then
  shift
  BENCH_OUTPUT=${BENCH_OUTPUT:-e2e/target/benchmark-quick.md}
  quick=(-Dbench.calls.n=30 -Dbench.warmup=0 -Dbench.runs=1 -Dbench.baseline.runs=1 -Dbench.calls.refresh=5
    -Dbench.convergence.n= -Dbench.memory.n=
    -Dbench.rotation.n=30 -Dbench.rotation.refresh=5 -Dbench.rotation.samples=5
    -Dbench.events.n=30 -Dbench.events.samples=10 -Dbench.events.window=10 -Dbench.events.safety=15
    -Dbench.events.idle=40 -Dbench.events.outage.n=5 -Dbench.events.outage.refresh=15
    -Dbench.events.outage.samples=3)
fi
output=${BENCH_OUTPUT:-docs/benchmarks.md}
start=$SECONDS
bash scripts/provision-test-env.sh
mkdir -p e2e/target
marker=e2e/target/benchmark-started
touch "$marker"
# Builds the operator jar (its tests skipped: scripts/test.sh runs them) and runs the benchmark alone.
status=0
mvn -B -ntp -Pbench -pl operator,writer,e2e verify -DskipTests -Dbench.output="$output" "${quick[@]}" "$@" \
  || status=$?
if [ "$output" -nt "$marker" ]; then
  echo
  cat "$output"
  echo "[benchmark] written to $output in $(( (SECONDS - start) / 60 )) min"
fi
exit "$status"
