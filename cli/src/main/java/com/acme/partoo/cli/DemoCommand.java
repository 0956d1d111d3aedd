package com.acme.partoo.cli;

import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokenStatus;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.PartooClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code demo}: starts the fake Partoo on a free loopback port, over HTTPS as Partoo is reached (TLS, HTTP/2 through
 * ALPN, from a CA the fake generates and the demo's client trusts), and walks a token's life through the real client:
 * generate → check (valid) → log in through the login URL (consumed) → check (consumed) → revoke a fresh token →
 * check (revoked). Needs no API key and no network.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Walk a token's life on an embedded fake Partoo: no key, no network needed.")
final class DemoCommand implements Callable<Integer> {

  private static final Duration DEMO_TTL = Duration.ofMinutes(5);
  private static final Pattern PARAGRAPH = Pattern.compile("(?s)<p>(.*?)</p>");

  @ParentCommand
  PartooTokenCli cli;

  @Override
  public Integer call() {
    PrintWriter out = cli.out;
    String user = DefaultFixture.USER_ID;
    try (FakePartoo fake = FakePartoo.builder().defaultFixture().https().start();
        PartooClient client = PartooClient.builder()
            .apiKey(DefaultFixture.API_KEY)
            .baseUrl(fake.baseUrl())
            .appBaseUrl(fake.appBaseUrl())
            .trustedCertificates(fake.certificatePem()) // the fake's own CA, and no other: as --cacert does
            .userAgentSuffix("partoo-token-cli/" + PartooTokenCli.Version.VERSION + " demo")
            .build()) {
      ConnectionTokens tokens = client.connectionTokens();
      out.println("Fake Partoo at " + fake.baseUrl() + " (TLS, HTTP/2, trusting its own test CA; no API key or"
          + " network needed)");
      out.println();

      ConnectionToken token = tokens.generate(user, DEMO_TTL);
      step(out, 1, "generate", "token " + masked(token) + " for " + user + ", expires " + token.expiresAt()
          + " (ttl " + token.ttl().getSeconds() + " s)");
      step(out, 2, "check", describe(tokens.check(user, token.token())));

      URI loginUrl = tokens.loginUrl(token.token());
      step(out, 3, "log in", "GET " + loginUrl.getPath() + "?connection_token=… → " + openInBrowser(loginUrl, fake));
      step(out, 4, "check", describe(tokens.check(user, token.token())));

      ConnectionToken fresh = tokens.generate(user, DEMO_TTL);
      step(out, 5, "generate", "a fresh token " + masked(fresh));
      tokens.revoke(user, fresh.token());
      step(out, 6, "revoke", "done");
      step(out, 7, "check", describe(tokens.check(user, fresh.token())));

      out.println();
      out.println("The whole lifecycle worked: generate, check, log in once, revoke.");
      return ExitCodes.OK;
    }
  }

  private static void step(PrintWriter out, int number, String action, String detail) {
    out.printf(Locale.ROOT, "%d. %-9s %s%n", number, action, detail);
  }

  /** A demo token shown the way the library shows tokens everywhere, even on a fake. */
  private static String masked(ConnectionToken token) {
    return ConnectionTokens.mask(token.token());
  }

  private static String describe(ConnectionTokenStatus status) {
    String state = status.status();
    return status.consumedAt().map(at -> state + " (at " + at + ")").orElse(state);
  }

  /**
   * What a browser does with the login URL: one GET, over HTTPS trusting the fake's CA when the app page is served
   * over HTTPS; returns the status line and the page's first line.
   */
  private static String openInBrowser(URI loginUrl, FakePartoo fake) {
    try {
      HttpURLConnection connection = (HttpURLConnection) loginUrl.toURL().openConnection();
      if (connection instanceof HttpsURLConnection https) {
        https.setSSLSocketFactory(fake.sslContext().getSocketFactory());
      }
      connection.setConnectTimeout(2_000);
      connection.setReadTimeout(5_000);
      int status = connection.getResponseCode();
      InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
      String page = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8).strip();
      connection.disconnect();
      // The page's message is its paragraph; show it without markup.
      Matcher paragraph = PARAGRAPH.matcher(page);
      String text = (paragraph.find() ? paragraph.group(1) : page).replaceAll("<[^>]*>", "").strip();
      return "HTTP " + status + " \"" + text + "\"";
    } catch (IOException e) {
      throw new UncheckedIOException("the login request to the fake Partoo failed", e);
    }
  }
}
