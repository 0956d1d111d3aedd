#!/usr/bin/env bash
# Release smoke test: publish this checkout to a temporary file repository, check what was published, then build and
# test a throwaway consumer project OFFLINE, the way another team would use us: it imports partoo-bom, depends on
# partoo-facade (and partoo-mock-server in test scope), starts the fake Partoo and generates a token through
# PartooClient.
#
# Where the consumer's artifacts come from (its own empty local repository, Maven offline):
#   - ours (com.acme.partoo) from the temporary repository only; the script fails if any came from elsewhere;
#   - third-party ones (Jackson, OkHttp, JUnit, Maven plugins) from ~/.m2/repository used as a read-only file://
#     repository in place of Maven Central (the main build has just put there everything a consumer needs).
# Offline mode blocks every remote repository except file:// ones (aether.offline.protocols=file): no network.
#
# Usage: scripts/release-smoke.sh [extra Maven arguments for the deploy, e.g. -Dpartoo.previous.version=0.1.0]
# Set KEEP=1 to keep the temporary directory. Takes about a minute (no tests are run again for the deploy).
set -euo pipefail

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
work=$(mktemp -d "${TMPDIR:-/tmp}/partoo-release-smoke.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
  echo "release-smoke: keeping $work"
else
  trap 'rm -rf "$work"' EXIT
fi
repo="$work/repo"
m2="${MAVEN_LOCAL_REPOSITORY:-$HOME/.m2/repository}"
group_path=com/acme/partoo

step() { printf '\n== %s\n' "$*"; }
fail() { echo "release-smoke: FAILED: $*" >&2; exit 1; }

# The version and the pinned test-plugin versions, read from the root pom (versions live there only).
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -n 1; }
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$root/pom.xml" | head -n 1)
junit_version=$(pom_property junit.version)
compiler_version=$(pom_property maven-compiler-plugin.version)
surefire_version=$(pom_property maven-surefire-plugin.version)
resources_version=$(pom_property maven-resources-plugin.version)
[ -n "$version" ] && [ -n "$junit_version" ] && [ -n "$surefire_version" ] || fail "cannot read versions from pom.xml"

step "1. deploy $version to $repo"
(cd "$root" && ./mvnw -B -q deploy -DskipTests -Dmaven.install.skip=true \
  -DaltDeploymentRepository="release-smoke::file://$repo" "$@")
# Deploying caches the temporary repository's metadata in the local repository: it means nothing once it is gone.
find "$m2/$group_path" -name 'maven-metadata-release-smoke.xml*' -delete 2>/dev/null || true

step "2. check what was published"
published="partoo-client-generated partoo-facade partoo-micrometer partoo-opentelemetry partoo-mock-server partoo-cli
  partoo-spring-boot-autoconfigure"
# Jars without classes (a starter is its dependencies): no sources, no Javadoc.
published_empty="partoo-spring-boot-starter"
unpublished="partoo-openapi-tools partoo-integration-tests partoo-benchmarks partoo-spec-fixtures
  partoo-example-spring-boot-service"
# The files of the one deployed version of an artifact ending in $2 (timestamped when it is a snapshot).
deployed() { find "$repo/$group_path/$1" -type f -name "$1-*$2" 2>/dev/null | sort | tail -n 1; }
for artifact in $published; do
  for suffix in .jar -sources.jar -javadoc.jar -cyclonedx.json .pom; do
    [ -n "$(deployed "$artifact" "$suffix")" ] || fail "$artifact has no $suffix"
  done
  pom=$(deployed "$artifact" .pom)
  ! grep -q '\${' "$pom" || fail "$artifact's published pom has unresolved properties: $(grep -o '\${[^}]*}' "$pom" | sort -u | tr '\n' ' ')"
  ! grep -q '<parent>\|<build>' "$pom" || fail "$artifact's published pom is not flattened"
done
for artifact in $published_empty; do
  for suffix in .jar -cyclonedx.json .pom; do
    [ -n "$(deployed "$artifact" "$suffix")" ] || fail "$artifact has no $suffix"
  done
  ! grep -q '\${\|<parent>\|<build>' "$(deployed "$artifact" .pom)" || fail "$artifact's published pom is not flattened"
done
for artifact in partoo-parent partoo-bom; do
  [ -n "$(deployed "$artifact" .pom)" ] || fail "$artifact has no pom"
done
bom_pom=$(deployed partoo-bom .pom)
! grep -q '\${\|<parent>\|jackson\|okhttp\|junit' "$bom_pom" || fail "partoo-bom must list only our artifacts, versions resolved"
# The parent stays a usable parent: its own ${...} are kept, but each must be one of its properties or Maven's.
parent_pom=$(deployed partoo-parent .pom)
for ref in $(grep -o '\${[^}]*}' "$parent_pom" | sort -u | sed 's/^\${\(.*\)}$/\1/'); do
  case "$ref" in project.* | maven.multiModuleProjectDirectory) continue ;; esac
  grep -q "<$ref>" "$parent_pom" || fail "partoo-parent refers to \${$ref}, which it does not define"
done
for artifact in $unpublished; do
  [ ! -e "$repo/$group_path/$artifact" ] || fail "$artifact must not be published"
done
# Every published jar names its module, and no package is split across jars.
packages="$work/packages.txt"
: >"$packages"
for artifact in $published $published_empty; do
  jar=$(deployed "$artifact" "$version.jar"); [ -n "$jar" ] || jar=$(deployed "$artifact" "[0-9].jar")
  name=$(unzip -p "$jar" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Automatic-Module-Name: //p')
  [ -n "$name" ] || fail "$artifact has no Automatic-Module-Name"
  echo "   $artifact: Automatic-Module-Name $name"
  unzip -Z1 "$jar" | sed -n 's:^\(.*\)/[^/]*\.class$:\1:p' | sort -u | sed "s:\$: $artifact:" >>"$packages"
done
split=$(awk '{print $1}' "$packages" | sort | uniq -d)
[ -z "$split" ] || fail "packages split across jars: $split"
echo "   every published artifact has jar, sources, javadoc, SBOM and a flattened pom; nothing else was published"
echo "   published files for partoo-facade:"
find "$repo/$group_path/partoo-facade" -type f ! -name '*.md5' ! -name '*.sha*' | sed "s:^$repo/:     :" | sort

step "3. build a consumer project offline against $repo only"
consumer="$work/consumer"
mkdir -p "$consumer/src/test/java/com/example/consumer" "$work/consumer-m2"
cat >"$work/settings.xml" <<EOF
<settings>
  <localRepository>$work/consumer-m2</localRepository>
  <profiles>
    <profile>
      <id>release-smoke</id>
      <repositories>
        <repository>
          <id>release-smoke</id>
          <url>file://$repo</url>
          <snapshots><enabled>true</enabled></snapshots>
        </repository>
        <!-- Replaces Maven Central: the local repository of the main build, read-only, for third-party artifacts. -->
        <repository>
          <id>central</id>
          <url>file://$m2</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>central</id>
          <url>file://$m2</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>release-smoke</activeProfile>
  </activeProfiles>
</settings>
EOF
cat >"$consumer/pom.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>com.example</groupId>
  <artifactId>partoo-consumer</artifactId>
  <version>1.0.0</version>

  <properties>
    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
    <maven.compiler.release>17</maven.compiler.release>
  </properties>

  <dependencyManagement>
    <dependencies>
      <dependency>
        <groupId>com.acme.partoo</groupId>
        <artifactId>partoo-bom</artifactId>
        <version>$version</version>
        <type>pom</type>
        <scope>import</scope>
      </dependency>
    </dependencies>
  </dependencyManagement>

  <dependencies>
    <dependency>
      <groupId>com.acme.partoo</groupId>
      <artifactId>partoo-facade</artifactId>
    </dependency>
    <dependency>
      <groupId>com.acme.partoo</groupId>
      <artifactId>partoo-mock-server</artifactId>
      <scope>test</scope>
    </dependency>
    <dependency>
      <groupId>org.junit.jupiter</groupId>
      <artifactId>junit-jupiter</artifactId>
      <version>$junit_version</version>
      <scope>test</scope>
    </dependency>
  </dependencies>

  <build>
    <plugins>
      <plugin>
        <artifactId>maven-resources-plugin</artifactId>
        <version>$resources_version</version>
      </plugin>
      <plugin>
        <artifactId>maven-compiler-plugin</artifactId>
        <version>$compiler_version</version>
      </plugin>
      <plugin>
        <artifactId>maven-surefire-plugin</artifactId>
        <version>$surefire_version</version>
      </plugin>
    </plugins>
  </build>
</project>
EOF
cat >"$consumer/src/test/java/com/example/consumer/PartooConsumerTest.java" <<'EOF'
package com.example.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.TokenState;
import org.junit.jupiter.api.Test;

class PartooConsumerTest {

  @Test
  void generatesAndChecksATokenOnTheFakePartoo() {
    try (FakePartoo partoo = FakePartoo.withDefaults();
        PartooClient client =
            PartooClient.builder().apiKey(DefaultFixture.API_KEY).baseUrl(partoo.baseUrl()).build()) {
      ConnectionToken token = client.connectionTokens().generate(DefaultFixture.USER_ID);

      assertTrue(token.expiresAt().isAfter(java.time.Instant.now()));
      assertEquals(TokenState.VALID,
          client.connectionTokens().check(DefaultFixture.USER_ID, token.token()).state());
      assertEquals(1, partoo.journal().count(Endpoint.GENERATE_TOKEN));
      System.out.println("consumer: " + token + " from " + partoo.baseUrl());
    }
  }
}
EOF
(cd "$consumer" && "$root/mvnw" -B -o -Daether.offline.protocols=file -s "$work/settings.xml" test) \
  >"$work/consumer.log" 2>&1 || { tail -n 60 "$work/consumer.log" >&2; fail "the consumer build failed (log: $work/consumer.log)"; }
grep -E '^consumer: |Tests run:.*Fail|BUILD' "$work/consumer.log" | sed 's/^/   /'

# Every one of our artifacts the consumer resolved must have come from the temporary repository.
origins=$(find "$work/consumer-m2/$group_path" -name _remote.repositories -exec grep -h '^[^#]' {} + | sed 's/.*>//' | sort -u)
[ "$origins" = "release-smoke=" ] || fail "com.acme.partoo artifacts came from: $origins"
echo "   com.acme.partoo artifacts resolved from the temporary repository only:"
find "$work/consumer-m2/$group_path" -name '*.jar' -o -name '*.pom' | sed "s:^$work/consumer-m2/:     :" | sort

step "release-smoke: OK"
