package com.example.partoo.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The service over real HTTP as one browser session: its own cookies, redirects not followed (so each answer can be
 * read), signing in through Spring Security's form with its CSRF token. Like the test's browser, it trusts the fake
 * Partoo's test CA (and no other), for the login URLs on the fake's HTTPS app page.
 */
final class SignedInClient {

  private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");
  private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\">");

  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).sslContext(AgainstTheFakePartoo.PARTOO.fake().sslContext())
      .build();
  private final String base;

  /** A session with nobody signed in, on the service at {@code port}. */
  SignedInClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Signs in as {@code user} through the login form; returns this. */
  SignedInClient signIn(String user, String password) throws IOException, InterruptedException {
    String form = get("/login").body();
    Matcher csrf = CSRF_INPUT.matcher(form);
    assertThat(csrf.find()).as("a CSRF token in the login form %s", form).isTrue();
    HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(base + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password)
            + "&_csrf=" + encode(csrf.group(1)))));
    assertThat(signedIn.headers().firstValue("Location")).as("where signing in leads")
        .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
    return this;
  }

  /** GET {@code pathOrUrl} (a path of the service, or a whole URL such as a Location). */
  HttpResponse<String> get(String pathOrUrl) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("/") ? base + pathOrUrl : pathOrUrl)));
  }

  /** POST to {@code path} with an empty body, with the session's CSRF token in its header when {@code withCsrf}. */
  HttpResponse<String> post(String path, boolean withCsrf) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .POST(HttpRequest.BodyPublishers.noBody());
    if (withCsrf) {
      Matcher csrf = CSRF_META.matcher(get("/partoo-embedded").body());
      assertThat(csrf.find()).isTrue();
      request.header("X-CSRF-TOKEN", csrf.group(1));
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
