#!/usr/bin/env bash
# Runs the Gatehouse benchmarks (issue 9; not part of CI): builds what it needs, then starts
# Keycloak with the bundle, PostgreSQL and SMTP as the integration tests do, measures Gatehouse
# side by side with stock Keycloak, runs the mixed load run, prints a table and writes
# target/bench/results.json. Settings are -Dgatehouse.bench.<name>=… arguments or
# GATEHOUSE_BENCH_<NAME> variables (see the README's Development section), e.g.
#   ./bench.sh -Dgatehouse.bench.seconds=10 -Dgatehouse.bench.accounts=10000
set -euo pipefail
cd "$(dirname "$0")"

echo "Building Gatehouse and the benchmarks ..."
mvn -B -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true

classpath="benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)"
exec java -Xmx2g "$@" -cp "$classpath" dev.gatehouse.bench.Bench
