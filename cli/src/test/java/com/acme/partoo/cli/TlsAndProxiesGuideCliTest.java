package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.mock.FakePartooExtension;
import com.acme.partoo.mock.FakeProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shell example of docs/tls-and-proxies.md, section "CLI", line by line and with the same arguments, against
 * the fake Partoo over HTTPS and a real CONNECT proxy: its exports set the environment, its {@code ./partoo-token}
 * lines are run in-process ({@link GuideShell}). Only what is this machine's is replaced, each value checked to be in
 * the example: the CA file, the proxy's address, the secrets ({@code ...}) and {@code $user}.
 */
class TlsAndProxiesGuideCliTest {

  private static final String SECTION = "## CLI";
  private static final String CA_FILE = "/etc/pki/company-ca.pem";
  private static final String PROXY = "proxy.corp.example:3128";
  private static final String PASSWORD = "rotated-monthly-6d2f";

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.using(FakePartoo.builder().defaultFixture().https());

  @AutoClose private final FakeProxy egress = FakeProxy.start();
  @TempDir Path files;

  @Test
  void theGuidesCommandsRunAsShown() throws IOException {
    String example = GuideShell.block("docs/tls-and-proxies.md", SECTION, "sh");
    Path caFile = Files.writeString(files.resolve("company-ca.pem"), PARTOO.fake().certificatePem());
    egress.requireCredentials("partoo-egress", PASSWORD);
    // Not the guide's, whose commands go to production:
    Cli cli = Cli.withoutEnvironment().env(PartooTokenCli.BASE_URL_ENV, PARTOO.baseUrl());
    GuideShell shell = new GuideShell(example, cli)
        .replace(CA_FILE, caFile.toString())
        .replace(PROXY, "127.0.0.1:" + egress.address().getPort())
        .replace("$user", PARTOO.userId())
        .secret(PartooTokenCli.API_KEY_ENV, PARTOO.apiKey())
        .secret(TransportSettings.PROXY_PASSWORD_ENV, PASSWORD);

    List<Integer> tunnelsAfterEachCommand = new ArrayList<>();
    shell.run((command, result) -> tunnelsAfterEachCommand.add(egress.tunnels()));

    // Direct with --cacert; then through the proxy with --proxy, the credentials on its CONNECT.
    assertThat(tunnelsAfterEachCommand).containsExactly(0, 1);
    assertThat(egress.connectRequestsWithCredentials()).isEqualTo(1);
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2);
  }
}
