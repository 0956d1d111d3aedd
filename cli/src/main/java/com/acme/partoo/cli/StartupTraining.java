package com.acme.partoo.cli;

import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.tokens.PartooClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The workload the launcher records its class-data-sharing archive (or, on Java 25+, its AOT cache) from, right after
 * a build: every command, in text and JSON, successes and failures, against an in-process fake Partoo over HTTPS (as
 * Partoo is reached, trusted with {@code --cacert}), so the classes of a real {@code generate}, its TLS handshake
 * included, are already in the archive on the first real run. Prints nothing; exits 0.
 */
public final class StartupTraining {

  private StartupTraining() {}

  /** Runs the workload; arguments are ignored. */
  public static void main(String[] args) throws IOException {
    PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    Path ca = Files.createTempFile("partoo-training-ca-", ".pem");
    try (FakePartoo fake = FakePartoo.builder().defaultFixture().https().start()) {
      Files.writeString(ca, fake.certificatePem(), StandardCharsets.US_ASCII);
      String cacert = ca.toString();
      Map<String, String> env = Map.of(
          PartooTokenCli.API_KEY_ENV, DefaultFixture.API_KEY,
          PartooTokenCli.BASE_URL_ENV, fake.baseUrl(),
          PartooTokenCli.APP_URL_ENV, fake.appBaseUrl());
      String user = DefaultFixture.USER_ID;
      List<String[]> commands = List.of(
          new String[] {"--help"},
          new String[] {"--version"},
          new String[] {"generate", "--help"},
          new String[] {"generate", "--user-id", user, "--cacert", cacert},
          new String[] {"generate", "--user-id", user, "--ttl", "2d", "--json", "--cacert", cacert},
          new String[] {"check", "--user-id", user, "--token", "\\xunknown", "--json", "--cacert", cacert},
          new String[] {"revoke", "--user-id", user, "--token", "\\xunknown", "--cacert", cacert},
          new String[] {"generate", "--user-id", DefaultFixture.PROVIDER_USER_ID, "--timeout", "5s", "--cacert",
              cacert},
          new String[] {"generate", "--user-id", user}, // untrusted: exit 10
          new String[] {"generate", "--bogus"});
      for (String[] command : commands) {
        PartooTokenCli.execute(command, env, discard, discard, builder -> {});
      }
      // check and revoke a real token, through the same code paths as a user's.
      String token;
      try (PartooClient client = PartooClient.builder().apiKey(DefaultFixture.API_KEY).baseUrl(fake.baseUrl())
          .trustedCertificates(fake.certificatePem()).build()) {
        token = client.connectionTokens().generate(user).token();
      }
      for (String command : List.of("check", "revoke")) {
        PartooTokenCli.execute(new String[] {command, "--user-id", user, "--token", token, "--cacert", cacert}, env,
            discard, discard, builder -> {});
      }
      PartooTokenCli.execute(new String[] {"demo"}, Map.of(), discard, discard, builder -> {});
    } finally {
      Files.deleteIfExists(ca);
    }
  }
}
