package com.acme.partoo.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An answer becomes one array, head and body together, so the socket sends it in one write. */
class ResponseEncoderTest {

  private final ResponseEncoder encoder =
      new ResponseEncoder(Clock.fixed(Instant.parse("2019-08-01T07:05:04Z"), ZoneOffset.UTC));

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void headAndBodyComeAsOneResponse() {
    Answer answer = new Answer(429, "text/html; charset=utf-8", Map.of("Retry-After", "2"), "<p>é</p>");

    assertThat(text(encoder.encode(answer, true, null))).isEqualTo("HTTP/1.1 429 Too Many Requests\r\n"
        + "Date: Thu, 01 Aug 2019 07:05:04 GMT\r\n"
        + "Content-Type: text/html; charset=utf-8\r\n"
        + "Content-Length: 9\r\n"
        + "Retry-After: 2\r\n"
        + "\r\n"
        + "<p>é</p>");
  }

  @Test
  void withoutBodyTheLengthIsStillTheBodysAndTheConnectionHeaderIsAdded() {
    Answer answer = new Answer(405, "application/json", Map.of(), "{}");

    assertThat(text(encoder.encode(answer, false, "close")))
        .endsWith("Content-Length: 2\r\nConnection: close\r\n\r\n");
  }

  @Test
  void unknownStatusesGetAGenericReason() {
    assertThat(ResponseEncoder.reason(599)).isEqualTo("Server Error");
    assertThat(ResponseEncoder.reason(418)).isEqualTo("Error");
  }
}
