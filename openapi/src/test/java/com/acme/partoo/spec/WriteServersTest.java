package com.acme.partoo.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build step that hands the bundle's servers to PartooEnvironment, as a properties file. */
class WriteServersTest {

  @TempDir Path target;

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  @Test
  void writesBothEnvironmentsAndSaysWhichUrlsTheyGot() throws IOException {
    Properties servers = run("""
        servers:
          - url: https://sandbox.api.partoo.co/v2
            description: Sandbox
          - url: https://api.partoo.co/v2/
            description: Production server
        """);

    assertThat(servers).containsOnlyKeys("production", "sandbox")
        .containsEntry("production", "https://api.partoo.co/v2")
        .containsEntry("sandbox", "https://sandbox.api.partoo.co/v2");
    assertThat(lines()).containsExactly("[INFO] [partoo-spec] environments from the servers of bundle.yaml:"
        + " production https://api.partoo.co/v2, sandbox https://sandbox.api.partoo.co/v2");
    assertThat(Files.readString(target.resolve("servers.properties"))).as("nothing of the checkout's path")
        .doesNotContain(target.toString());
  }

  @Test
  void leavesTheSandboxOutAndWarnsWhenTheBundleListsNone() throws IOException {
    Properties servers = run("""
        servers:
          - url: https://api.partoo.co/v2
            description: Production
        """);

    assertThat(servers).containsOnlyKeys("production");
    assertThat(lines()).last().isEqualTo("[WARNING] [partoo-spec] bundle.yaml lists no sandbox server (an https URL"
        + " described as Sandbox): PartooEnvironment.SANDBOX is unavailable in this build, give a base URL instead");
  }

  @Test
  void failsWithOneLineWithoutAProductionServer() {
    assertThatThrownBy(() -> run("""
        servers:
          - url: https://api.sandbox.partoo.co/v2
            description: Sandbox
        """))
        .isInstanceOf(SpecException.class)
        .hasMessage("bundle.yaml lists no production server (an https URL described as Production) among"
            + " [https://api.sandbox.partoo.co/v2 (Sandbox)]");
    assertThat(target.resolve("servers.properties")).doesNotExist();
  }

  @Test
  void urlsReadBackUnchangedWhateverCharactersTheyHold() throws IOException {
    Properties servers = run("""
        servers:
          - url: https://api.partoo.co/v2/région
            description: Production
        """);

    assertThat(servers.getProperty("production")).isEqualTo("https://api.partoo.co/v2/région");
  }

  private Properties run(String bundle) throws IOException {
    Path spec = Files.writeString(target.resolve("bundle.yaml"), bundle);
    Path out = target.resolve("servers.properties");
    new WriteServers(new PrintStream(printed, true, StandardCharsets.UTF_8))
        .run(SliceSpec.options(new String[] {"--spec=" + spec, "--out=" + out}));
    Properties servers = new Properties();
    try (InputStream in = Files.newInputStream(out)) {
      servers.load(in);
    }
    return servers;
  }

  private List<String> lines() {
    return printed.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
