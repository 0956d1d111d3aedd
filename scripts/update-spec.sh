#!/usr/bin/env bash
# Installs a new Partoo bundle and checks it:  scripts/update-spec.sh FILE_OR_URL
#
#   1. copies the bundle (a file, or an http(s) URL) over openapi/openapi.yaml, unchanged;
#   2. prints what changed in the servers and the operations the client uses (SpecDiff, run through the wrapper);
#   3. runs the guard of what the facade relies on against it (one line per broken assumption);
#   4. builds and tests everything (`./mvnw -B verify`, without the fixture builds, which do not read the bundle).
#
# PARTOO_OPERATIONS (default "Connection Tokens") lists the tags or operationIds the diff looks at, like
# -Dpartoo.operations does for the build. Nothing is committed: review with `git diff`, then commit the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -ne 1 ]]; then
  echo "usage: scripts/update-spec.sh FILE_OR_URL" >&2
  exit 2
fi
operations=${PARTOO_OPERATIONS:-Connection Tokens}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

case "$1" in
  http://* | https://*) curl -fsSL --retry 2 -o "$work/new.yaml" "$1" ;;
  *) cp "$1" "$work/new.yaml" ;;
esac
cp openapi/openapi.yaml "$work/old.yaml"
cp "$work/new.yaml" openapi/openapi.yaml
echo "Installed $1 as openapi/openapi.yaml (git checkout openapi/openapi.yaml restores the previous bundle)."

step() { printf '\n== %s\n' "$*"; }
failed() {
  printf '\n%s\nThe new bundle stays in openapi/openapi.yaml; %s restores the old one.\n' \
    "$*" "git checkout openapi/openapi.yaml" >&2
  exit 1
}

step "What changed in the servers and the operations the client uses ($operations)"
./mvnw -B -q -pl openapi compile exec:java \
  -Dexec.mainClass=com.acme.partoo.spec.SpecDiff \
  -Dexec.args="'$work/old.yaml' '$PWD/openapi/openapi.yaml' '$operations'" \
  || failed "The diff could not be made (is the new file an OpenAPI bundle?)."

step "What the facade relies on"
if ./mvnw -B -pl openapi process-test-classes >"$work/guard.log" 2>&1; then
  grep -F '[partoo-spec]' "$work/guard.log"
elif grep -q 'Facade assumption broken' "$work/guard.log"; then
  grep -o 'Facade assumption broken: .*' "$work/guard.log"
  failed "The bundle breaks what the facade relies on (above): the facade must change with it."
else
  tail -40 "$work/guard.log"
  failed "The guard could not run (above)."
fi

step "Build and test everything"
./mvnw -B verify -Dspec.fixtures.skip=true || failed "The build failed against the new bundle."

step "Done: review with git diff, then commit openapi/openapi.yaml"
