package com.acme.partoo.mock.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

/**
 * Turns an {@link Answer} into MockWebServer's {@link MockResponse}: status line with the usual reason phrase,
 * {@code Date}, {@code Content-Type}, {@code Content-Length}, the answer's headers, and the body unless the request
 * was {@code HEAD}.
 */
final class ResponseEncoder {

  /** No answer at all: the connection is closed once the request is read. */
  static final MockResponse NO_ANSWER = new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket())
      .build();

  // IMF-fixdate (RFC 9110 §5.6.7): two-digit day, which RFC_1123_DATE_TIME does not give.
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(200, "OK"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
      Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(413, "Content Too Large"), Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
      Map.entry(501, "Not Implemented"), Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"), Map.entry(505, "HTTP Version Not Supported"));

  private final Clock clock;

  /** {@code Date} headers come from {@code clock}: the wall clock, not the fake's token clock. */
  ResponseEncoder(Clock clock) {
    this.clock = clock;
  }

  /** The reason phrase for {@code status}, or "Error" for one the fake never sends on its own. */
  static String reason(int status) {
    return REASONS.getOrDefault(status, status >= 500 ? "Server Error" : "Error");
  }

  /**
   * The whole response. {@code withBody} is false for {@code HEAD} (the headers still give the length);
   * {@code connection} is the {@code Connection} header to add, or null for none; {@code close} also closes the
   * connection once the response is written.
   */
  MockResponse encode(Answer answer, boolean withBody, String connection) {
    MockResponse.Builder response = new MockResponse.Builder()
        .status("HTTP/1.1 " + answer.status() + " " + reason(answer.status()))
        .setHeader("Date", HTTP_DATE.format(clock.instant()))
        .setHeader("Content-Type", answer.contentType());
    if (withBody) {
      response.body(answer.body()); // sets Content-Length
    } else {
      response.setHeader("Content-Length", answer.body().getBytes(StandardCharsets.UTF_8).length);
    }
    answer.headers().forEach(response::setHeader);
    if (connection != null) {
      response.setHeader("Connection", connection);
    }
    if ("close".equals(connection)) {
      response.onResponseEnd(new SocketEffect.CloseSocket());
    }
    return response.build();
  }
}
