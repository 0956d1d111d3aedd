#!/bin/sh
# Per-request latency of the fake Partoo over keep-alive (docs/fake-partoo-latency.md). Usage:
#   docs/fake-partoo-latency/measure.sh [ROUNDS] [REQUESTS] [MOCK_SERVER_CLASSES]
# MOCK_SERVER_CLASSES (a mock-server target/classes or jar, e.g. of an older commit) goes first on the class path;
# default: this tree's fake. Pass JAVA_OPTS=-Dsun.net.httpserver.nodelay=false to see a JDK-server fake without the
# switch it used to set; set JAVA_HOME to pick the JDK.
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
root=$(dirname -- "$(dirname -- "$here")")
rounds=${1:-5}
requests=${2:-3000}
classes=${3:-}
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java

"$root/partoo-token" --version >/dev/null   # builds cli/target/lib: the fake, OkHttp and Jackson
cp="${classes:+$classes:}$root/cli/target/lib/*"
round=1
while [ "$round" -le "$rounds" ]; do
  for client in okhttp jdk; do
    # shellcheck disable=SC2086
    "$java_cmd" ${JAVA_OPTS:-} -cp "$cp" "$here/KeepAliveLatency.java" "$client" "$requests"
  done
  round=$((round + 1))
done
