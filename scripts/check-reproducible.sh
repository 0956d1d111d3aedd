#!/usr/bin/env bash
# Reproducible-build check: runs `./mvnw -q package -DskipTests` twice and compares the sha256 of every file a deploy
# would publish (jars, sources and Javadoc jars, SBOMs, flattened poms). Usage: scripts/check-reproducible.sh [--clean]
# (--clean: `clean package` both times; default: the second build reuses the first one's target/ directories).
set -euo pipefail

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
cd "$root"
goals=(package)
[ "${1:-}" = --clean ] && goals=(clean package)
out=$(mktemp -d "${TMPDIR:-/tmp}/partoo-reproducible.XXXXXX")
trap 'rm -rf "$out"' EXIT

# The published modules are those with a flattened pom; hash what their target/ holds for publishing.
checksums() {
  find . -path ./.git -prune -o -path '*/target/flattened-pom.xml' -print | sed 's:/target/flattened-pom.xml$::' | sort |
    while read -r module; do
      find "$module/target" -maxdepth 1 -type f \( -name '*.jar' -o -name '*-cyclonedx.json' -o -name flattened-pom.xml \)
    done | sort | xargs sha256sum
}

for run in 1 2; do
  ./mvnw -q -B "${goals[@]}" -DskipTests >"$out/build-$run.log" 2>&1 || { tail -n 40 "$out/build-$run.log"; exit 1; }
  checksums >"$out/sha256-$run.txt"
done
cat "$out/sha256-1.txt"
if diff "$out/sha256-1.txt" "$out/sha256-2.txt"; then
  echo "reproducible: $(wc -l <"$out/sha256-1.txt") files identical across two builds (${goals[*]})"
else
  echo "NOT reproducible: the files above differ between the two builds (${goals[*]})" >&2
  exit 1
fi
