#!/usr/bin/env bash
# Runs the Gatehouse demo (SPEC "Demo"): builds what it needs, then starts the account store with the
# demo accounts, an SMTP catcher and Keycloak on http://localhost:${GATEHOUSE_PORT:-8080}.
# Needs only JDK 17+ and Maven; the first run downloads Keycloak (~180 MB) from Maven Central.
set -euo pipefail
cd "$(dirname "$0")"

echo "Building Gatehouse ..."
mvn -B -q -pl demo -am package -DskipTests -Dspotless.check.skip=true

classpath="demo/target/classes:$(cat demo/target/demo.classpath)"
exec java -cp "$classpath" dev.gatehouse.demo.Demo
