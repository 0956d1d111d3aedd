package com.acme.partoo.spring.autoconfigure.internal;

import com.acme.partoo.tokens.ConnectionToken;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The login endpoints' answers. Every one is {@code Cache-Control: no-store} (a token, or an answer about one, is
 * never kept by a browser, proxy or cache) and {@code Referrer-Policy: no-referrer} (the page the user came from is
 * not told to Partoo, nor the login URL to the next page). A token appears only in the redirect's {@code Location}
 * or the token endpoint's JSON body; failures are short pages (or JSON for the token endpoint), never a stack trace.
 */
final class LoginResponses {

  private static final JsonFactory JSON = new JsonFactory();

  private final @Nullable URI failureUrl;

  /** Failures of the redirect endpoint go to {@code failureUrl} when it is set, else they are pages. */
  LoginResponses(@Nullable URI failureUrl) {
    this.failureUrl = failureUrl;
  }

  /** 303 to {@code loginUrl}, which the browser opens at once and Partoo consumes. */
  ServerResponse redirect(URI loginUrl) {
    return ServerResponse.status(HttpStatus.SEE_OTHER).location(loginUrl).headers(LoginResponses::noStore).build();
  }

  /** 200 with {@code {"token": ..., "expiration_date": ...}}, the date ISO-8601 in UTC. */
  ServerResponse issued(ConnectionToken token) {
    return ServerResponse.ok().headers(LoginResponses::noStore).contentType(MediaType.APPLICATION_JSON)
        .body(json("token", token.token(), "expiration_date", token.expiresAt().toString()));
  }

  /** {@code failure} as the redirect endpoint answers it: the failure URL, or a short page. */
  ServerResponse failedLogin(LoginFailure failure) {
    if (failureUrl != null && failure.status() != 401) {
      URI target = UriComponentsBuilder.fromUri(failureUrl).queryParam("error", errorCode(failure)).build().toUri();
      return ServerResponse.status(HttpStatus.SEE_OTHER).location(target).headers(headers -> failed(headers, failure))
          .build();
    }
    String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + HtmlUtils.htmlEscape(failure.title()) + "</title></head>\n<body><h1>" + HtmlUtils.htmlEscape(failure.title())
        + "</h1>\n<p>" + HtmlUtils.htmlEscape(failure.text()) + "</p></body></html>\n";
    return ServerResponse.status(failure.status()).headers(headers -> failed(headers, failure))
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(page);
  }

  /** {@code failure} as the token endpoint answers it: {@code {"error": ..., "message": ...}}. */
  ServerResponse failedToken(LoginFailure failure) {
    return ServerResponse.status(failure.status()).headers(headers -> failed(headers, failure))
        .contentType(MediaType.APPLICATION_JSON).body(json("error", errorCode(failure), "message", failure.text()));
  }

  /** What the failure URL's {@code error} and the JSON's {@code error} say: the outcome, 404 told apart. */
  private static String errorCode(LoginFailure failure) {
    return failure.status() == 404 ? "not_found" : failure.outcome().tag();
  }

  private static void noStore(HttpHeaders headers) {
    headers.setCacheControl("no-store");
    headers.set("Referrer-Policy", "no-referrer");
  }

  private static void failed(HttpHeaders headers, LoginFailure failure) {
    noStore(headers);
    String retryAfter = failure.retryAfterHeader();
    if (retryAfter != null) {
      headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
    }
  }

  private static String json(String firstName, String first, String secondName, String second) {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField(firstName, first);
      json.writeStringField(secondName, second);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter does not fail
    }
    return out.toString();
  }
}
