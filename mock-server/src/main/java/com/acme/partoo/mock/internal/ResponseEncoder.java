package com.acme.partoo.mock.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Writes an {@link Answer} as one HTTP/1.1 response: status line, headers and body in a single array, so that the
 * socket sends it in one write. Two writes (headers, then body) are what makes the JDK's own server wait for the
 * client's delayed ACK under Nagle's algorithm, 40 ms a request on Linux.
 */
final class ResponseEncoder {

  // IMF-fixdate (RFC 9110 §5.6.7): two-digit day, which RFC_1123_DATE_TIME does not give.
  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

  private static final Map<Integer, String> REASONS = Map.ofEntries(
      Map.entry(200, "OK"), Map.entry(400, "Bad Request"), Map.entry(401, "Unauthorized"),
      Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"),
      Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"), Map.entry(429, "Too Many Requests"),
      Map.entry(431, "Request Header Fields Too Large"), Map.entry(500, "Internal Server Error"),
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
   * {@code connection} is the {@code Connection} header to add, or null for none.
   */
  byte[] encode(Answer answer, boolean withBody, String connection) {
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(256)
        .append("HTTP/1.1 ").append(answer.status()).append(' ').append(reason(answer.status())).append("\r\n");
    header(head, "Date", HTTP_DATE.format(clock.instant()));
    header(head, "Content-Type", answer.contentType());
    header(head, "Content-Length", String.valueOf(body.length));
    answer.headers().forEach((name, value) -> header(head, name, value));
    if (connection != null) {
      header(head, "Connection", connection);
    }
    head.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + body.length);
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (withBody) {
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  private static void header(StringBuilder head, String name, String value) {
    head.append(name).append(": ").append(value).append("\r\n");
  }
}
