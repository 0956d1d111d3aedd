#!/bin/sh
# Measures ./partoo-token start-up against a bare JVM (docs/cli-startup.md): --help, and generate (text and --json)
# against the fake Partoo running as a local process. Usage: docs/cli-startup/measure.sh [ROUNDS] [TREE...]
# Each TREE is a checkout whose ./partoo-token to measure (default: this one), built and with its archive recorded.
set -eu
here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
root=$(dirname -- "$(dirname -- "$here")")
rounds=${1:-20}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] || set -- "$root"
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java

"$root/partoo-token" --version >/dev/null   # builds, records the archive
work=$(mktemp -d)
trap 'kill "$fake_pid" 2>/dev/null; rm -rf "$work"' EXIT
"${JAVA_HOME:+$JAVA_HOME/bin/}javac" -d "$work" "$here/Hello.java"
"$java_cmd" -cp "$root/cli/target/lib/*" "$here/FakePartooServer.java" >"$work/fake.url" &
fake_pid=$!
while [ ! -s "$work/fake.url" ]; do sleep 0.2; done
base_url=$(cat "$work/fake.url")
export PARTOO_API_KEY=fake-partoo-api-key-8f14e45fceea167a PARTOO_BASE_URL="$base_url"
export PARTOO_APP_URL="${base_url%/v2}/app"

{
  echo "hello=$java_cmd -cp $work Hello"
  echo "hello-with-cli-flags=$java_cmd -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp $work Hello"
  for tree in "$@"; do
    name=$(basename "$tree")
    echo "$name --help=$tree/partoo-token --help"
    echo "$name generate=$tree/partoo-token generate --user-id fake-business-manager"
    echo "$name generate --json=$tree/partoo-token generate --user-id fake-business-manager --json"
  done
} >"$work/commands"
python3 "$here/measure.py" "$rounds" "@$work/commands"
