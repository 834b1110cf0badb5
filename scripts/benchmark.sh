#!/usr/bin/env bash
# The benchmark (README "Benchmarks"): AWS calls per refresh cycle against the peers' strategy, cold
# convergence against the API server's raw write rate, rotation latency and operator memory, on the same real
# servers as the tests. Prints the tables and writes them, with the machine and the date, to docs/benchmarks.md
# (BENCH_OUTPUT moves it). About 20 minutes on 2 cores. Extra arguments go to Maven: -Dbench.*=... sets the
# sizes, run counts and seed (see e2e/src/test/java/dev/fidelius/e2e/bench/BenchConfig.java).
set -euo pipefail
cd "$(dirname "$0")/.."
output=${BENCH_OUTPUT:-docs/benchmarks.md}
start=$SECONDS
bash scripts/provision-test-env.sh
mkdir -p e2e/target
marker=e2e/target/benchmark-started
touch "$marker"
# Builds the operator jar (its tests skipped: scripts/test.sh runs them) and runs the benchmark alone.
status=0
mvn -B -ntp -Pbench -pl operator,writer,e2e verify -DskipTests -Dbench.output="$output" "$@" || status=$?
if [ "$output" -nt "$marker" ]; then
  echo
  cat "$output"
  echo "[benchmark] written to $output in $(( (SECONDS - start) / 60 )) min"
fi
exit "$status"
