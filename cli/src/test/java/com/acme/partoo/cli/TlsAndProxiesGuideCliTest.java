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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the shell example of docs/tls-and-proxies.md, section "CLI", line by line and with the same arguments, against
 * the fake Partoo over HTTPS and a real CONNECT proxy: its exports set the environment, its {@code ./partoo-token}
 * lines are run in-process. Only what is this machine's is replaced, each value checked to be in the example: the CA
 * file, the proxy's address, the secrets ({@code ...}) and {@code $user}.
 */
class TlsAndProxiesGuideCliTest {

  private static final Path ROOT = Path.of(System.getProperty("partoo.root", ".."));
  private static final String SECTION = "## CLI";
  private static final String CA_FILE = "/etc/pki/company-ca.pem";
  private static final String PROXY = "proxy.corp.example:3128";
  private static final String PASSWORD = "rotated-monthly-6d2f";
  private static final Pattern EXPORT = Pattern.compile("export (\\w+)=(\\S+)");

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.using(FakePartoo.builder().defaultFixture().https());

  private final FakeProxy egress = FakeProxy.start();
  @TempDir Path files;

  @AfterEach
  void stopTheProxy() {
    egress.close();
  }

  @Test
  void theGuidesCommandsRunAsShown() throws IOException {
    String example = shellBlock();
    Path caFile = Files.writeString(files.resolve("company-ca.pem"), PARTOO.fake().certificatePem());
    String proxy = "127.0.0.1:" + egress.address().getPort();
    Map<String, String> replaced = Map.of(CA_FILE, caFile.toString(), PROXY, proxy, "$user", PARTOO.userId());
    replaced.keySet().forEach(value -> assertThat(example).as("the example shows %s", value).contains(value));
    // The secrets the example leaves as "...", by variable.
    Map<String, String> secrets = Map.of(PartooTokenCli.API_KEY_ENV, PARTOO.apiKey(),
        TransportSettings.PROXY_PASSWORD_ENV, PASSWORD);
    egress.requireCredentials("partoo-egress", PASSWORD);

    // Not the guide's, whose commands go to production:
    Cli cli = Cli.withoutEnvironment().env(PartooTokenCli.BASE_URL_ENV, PARTOO.baseUrl());
    List<Integer> tunnelsAfterEachCommand = new ArrayList<>();
    for (String line : example.lines().toList()) {
      String command = line.replaceAll("\\s+#.*$", "").strip();
      Matcher export = EXPORT.matcher(command);
      if (export.matches()) {
        String value = export.group(2).equals("...") ? secrets.get(export.group(1))
            : replace(export.group(2), replaced);
        assertThat(value).as("a value for %s", export.group(1)).isNotNull();
        cli.env(export.group(1), value);
      } else if (command.startsWith("./partoo-token ")) {
        String[] args = words(replace(command.substring("./partoo-token ".length()), replaced));
        Cli.Result result = cli.run(args);
        assertThat(result.code()).as("%s: %s", command, result.err()).isZero();
        tunnelsAfterEachCommand.add(egress.tunnels());
      } else {
        assertThat(command).as("a line the test does not know how to run").isEmpty();
      }
    }

    // Direct with --cacert; then through the proxy with --proxy, the credentials on its CONNECT.
    assertThat(tunnelsAfterEachCommand).containsExactly(0, 1);
    assertThat(egress.connectRequestsWithCredentials()).isEqualTo(1);
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2);
  }

  private static String replace(String text, Map<String, String> replaced) {
    String result = text;
    for (Map.Entry<String, String> each : replaced.entrySet()) {
      result = result.replace(each.getKey(), each.getValue());
    }
    return result;
  }

  /** The command's words, as sh splits them: on blanks, double quotes grouping (no expansion is left to do). */
  private static String[] words(String command) {
    List<String> words = new ArrayList<>();
    Matcher word = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(command);
    while (word.find()) {
      words.add(word.group(1) != null ? word.group(1) : word.group(2));
    }
    return words.toArray(String[]::new);
  }

  /** The section's one {@code sh} block. */
  private static String shellBlock() throws IOException {
    String guide = Files.readString(ROOT.resolve("docs/tls-and-proxies.md"));
    int start = guide.indexOf("\n" + SECTION + "\n");
    assertThat(start).as("section %s", SECTION).isNotNegative();
    int end = guide.indexOf("\n## ", start + 1);
    String section = guide.substring(start, end < 0 ? guide.length() : end);
    List<String> blocks = new ArrayList<>();
    Matcher block = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(section);
    while (block.find()) {
      blocks.add(block.group(1));
    }
    assertThat(blocks).as("sh blocks of section %s", SECTION).hasSize(1);
    return blocks.get(0);
  }
}
