package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.acme.partoo.mock.FakePartooExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher, {@code ./partoo-token}, run as a separate process from another working directory, after the
 * build has packaged the jar (failsafe, integration-test phase): what in-process tests cannot see, namely the shell
 * script, the JVM's real stdout and stderr (where logging goes), the start-up archive and the process exit code.
 */
class LauncherIT {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private static final Path ROOT = Paths.get(System.getProperty("partoo.root", "..")).toAbsolutePath().normalize();
  private static final Path LAUNCHER = ROOT.resolve("partoo-token");
  private static final Path JAR = ROOT.resolve("cli/target/partoo-cli.jar");

  @TempDir
  static Path elsewhere;

  @BeforeAll
  static void launcherIsBuilt() throws Exception {
    assumeTrue(Files.isExecutable(LAUNCHER) && Files.isRegularFile(JAR),
        "runs after 'package' (./mvnw verify), when the launcher's jar exists: " + JAR);
    // The first run after a build records the start-up archive (one stderr line); later runs are silent.
    Run first = run(Map.of(), "--version");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).as("the jar is current, so the launcher must not rebuild").doesNotContain("building");
  }

  @Test
  void demoRunsFromAnotherDirectoryWithoutKeyOrNetwork() throws Exception {
    Run demo = run(Map.of(), "demo");

    assertThat(demo.code()).as(demo.err()).isZero();
    assertThat(demo.out()).contains("1. generate", "3. log in", "HTTP 200", "7. check     revoked",
        "The whole lifecycle worked");
    assertThat(demo.err()).isEmpty();
  }

  @Test
  void jsonStdoutStaysCleanWhileTheClampWarningGoesToStderr() throws Exception {
    Run generate = run(partooEnvironment(), "generate", "--user-id", PARTOO.userId(), "--ttl", "2d", "--json");

    assertThat(generate.code()).as(generate.err()).isZero();
    assertThat(generate.out().lines()).hasSize(1);
    JsonNode json = new ObjectMapper().readTree(generate.out());
    assertThat(json.get("ttl_seconds").asLong()).isEqualTo(86_400);
    assertThat(generate.err().lines()).singleElement().asString()
        .startsWith("WARN Requested connection-token TTL PT48H is above Partoo's maximum");
    assertThat(generate.out() + generate.err()).doesNotContain(PARTOO.apiKey());
  }

  @Test
  void aFailureIsOneStderrLineAndItsExitCode() throws Exception {
    Run check = run(partooEnvironment(), "check", "--user-id", PARTOO.noAccessUserId(), "--token", "\\xabc");

    assertThat(check.code()).isEqualTo(ExitCodes.PERMISSION);
    assertThat(check.out()).isEmpty();
    assertThat(check.err().lines()).singleElement().asString().startsWith("partoo-token: Partoo refused");
  }

  @Test
  void verboseShowsDebugLogsAndTheStackTrace() throws Exception {
    Run check = run(partooEnvironment(), "--verbose", "check", "--user-id", PARTOO.userId(), "--token", "\\xabc");

    assertThat(check.code()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(check.err()).contains("DEBUG Partoo", "com.acme.partoo.tokens.NotFoundException", "\tat ")
        .doesNotContain(PARTOO.apiKey());
  }

  @Test
  void missingKeyIsAUsageError() throws Exception {
    Run generate = run(Map.of(), "generate", "--user-id", PARTOO.userId());

    assertThat(generate.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(generate.err().lines()).singleElement().asString().contains("PARTOO_API_KEY is not set");
  }

  @Test
  void theGuidesScriptRunsInShThroughALinkToTheLauncher() throws Exception {
    assumeTrue(onPath("jq"), "the guide's script reads the JSON with jq: apt-get install jq");
    Path link = elsewhere.resolve("partoo-token");
    if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
      Files.createSymbolicLink(link, LAUNCHER);
    }
    // The guide's two lines as they are; the test only gives $user and prints what the script got.
    String script = "user='" + PARTOO.userId() + "'\n"
        + GuideShell.block("docs/cli.md", "## In a script", "sh")
        + "printf '%s' \"$login_url\"\n";

    Run run = run(partooEnvironment(), List.of("sh", "-c", script));

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).startsWith(PARTOO.appBaseUrl() + "/connection?connection_token=%5Cx");
  }

  private static boolean onPath(String program) throws IOException, InterruptedException {
    return run(Map.of(), List.of("sh", "-c", "command -v " + program)).code() == 0;
  }

  private static Map<String, String> partooEnvironment() {
    return Map.of(PartooTokenCli.API_KEY_ENV, PARTOO.apiKey(), PartooTokenCli.BASE_URL_ENV, PARTOO.baseUrl(),
        PartooTokenCli.APP_URL_ENV, PARTOO.appBaseUrl());
  }

  private static Run run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    return run(env, command);
  }

  /** Runs {@code command} in another directory, with {@code env} as its only Partoo settings. */
  private static Run run(Map<String, String> env, List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("PARTOO_") || name.equals("JAVA_OPTS"));
    builder.environment().putAll(env);
    Path out = Files.createTempFile(elsewhere, "out", ".txt");
    Path err = Files.createTempFile(elsewhere, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 2 minutes");
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private record Run(int code, String out, String err) {}
}
