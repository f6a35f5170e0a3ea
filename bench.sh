#!/usr/bin/env bash
# Runs the Gatehouse benchmarks (issue 9; not part of CI): builds what it needs, then starts
# Keycloak with the bundle, PostgreSQL and SMTP as the integration tests do, measures Gatehouse
# side by side with stock Keycloak, runs the mixed load run, prints a table and writes
# target/bench/results.json. Settings are -Dgatehouse.bench.<name>=… arguments or
# GATEHOUSE_BENCH_<NAME> variables (see docs/development/README.md), e.g.
#   ./bench.sh -Dgatehouse.bench.seconds=10 -Dgatehouse.bench.accounts=10000
set -euo pipefail
cd "$(dirname "$0")"

# The bench's Keycloak (and only it: the tests' and the demo's do not) takes a client's address from
# X-Forwarded-For, so that the enumeration phase's probes each come from their own address and
# limits per client IP do not stand between the samples. Keycloak reads KC_* variables as options;
# the boot phase's servers inherit it too, both sides alike.
export KC_PROXY_HEADERS="${KC_PROXY_HEADERS:-xforwarded}"

echo "Building Gatehouse and the benchmarks ..."
mvn -B -q -pl benchmarks -am package -DskipTests -Dspotless.check.skip=true

classpath="benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)"
exec java -Xmx2g "$@" -cp "$classpath" dev.gatehouse.bench.Bench
