package com.acme.partoo.cli;

import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.tokens.PartooClient;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The workload the launcher records its class-data-sharing archive (or, on Java 25+, its AOT cache) from, right after
 * a build: every command, in text and JSON, successes and failures, against an in-process fake Partoo, so the classes
 * of a real {@code generate} are already in the archive on the first real run. Prints nothing; exits 0.
 */
public final class StartupTraining {

  private StartupTraining() {}

  /** Runs the workload; arguments are ignored. */
  public static void main(String[] args) {
    PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    try (FakePartoo fake = FakePartoo.withDefaults()) {
      Map<String, String> env = Map.of(
          PartooTokenCli.API_KEY_ENV, DefaultFixture.API_KEY,
          PartooTokenCli.BASE_URL_ENV, fake.baseUrl(),
          PartooTokenCli.APP_URL_ENV, fake.appBaseUrl());
      String user = DefaultFixture.USER_ID;
      List<String[]> commands = List.of(
          new String[] {"--help"},
          new String[] {"--version"},
          new String[] {"generate", "--help"},
          new String[] {"generate", "--user-id", user},
          new String[] {"generate", "--user-id", user, "--ttl", "2d", "--json"},
          new String[] {"check", "--user-id", user, "--token", "\\xunknown", "--json"},
          new String[] {"revoke", "--user-id", user, "--token", "\\xunknown"},
          new String[] {"generate", "--user-id", DefaultFixture.PROVIDER_USER_ID, "--timeout", "5s"},
          new String[] {"generate", "--bogus"});
      for (String[] command : commands) {
        PartooTokenCli.execute(command, env, discard, discard, builder -> {});
      }
      // check and revoke a real token, through the same code paths as a user's.
      String token;
      try (PartooClient client = PartooClient.builder().apiKey(DefaultFixture.API_KEY).baseUrl(fake.baseUrl()).build()) {
        token = client.connectionTokens().generate(user).token();
      }
      for (String command : List.of("check", "revoke")) {
        PartooTokenCli.execute(new String[] {command, "--user-id", user, "--token", token}, env, discard, discard,
            builder -> {});
      }
      PartooTokenCli.execute(new String[] {"demo"}, Map.of(), discard, discard, builder -> {});
    }
  }
}
