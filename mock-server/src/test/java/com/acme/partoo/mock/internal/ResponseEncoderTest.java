package com.acme.partoo.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/** An answer becomes MockWebServer's response: status line, the fake's headers in order, and the body. */
class ResponseEncoderTest {

  private final ResponseEncoder encoder =
      new ResponseEncoder(Clock.fixed(Instant.parse("2019-08-01T07:05:04Z"), ZoneOffset.UTC));

  private static String body(MockResponse response) throws IOException {
    Buffer buffer = new Buffer();
    response.getBody().writeTo(buffer);
    return buffer.readUtf8();
  }

  @Test
  void statusHeadersAndBodyAreTheAnswers() throws IOException {
    Answer answer = new Answer(429, "text/html; charset=utf-8", Map.of("Retry-After", "2"), "<p>é</p>");

    MockResponse response = encoder.encode(answer, true, null);

    assertThat(response.getStatus()).isEqualTo("HTTP/1.1 429 Too Many Requests");
    assertThat(response.getHeaders().toString()).isEqualTo("Date: Thu, 01 Aug 2019 07:05:04 GMT\n"
        + "Content-Type: text/html; charset=utf-8\n"
        + "Content-Length: 9\n"
        + "Retry-After: 2\n");
    assertThat(body(response)).isEqualTo("<p>é</p>");
    assertThat(response.getOnResponseEnd()).isNull();
  }

  @Test
  void withoutBodyTheLengthIsStillTheBodysAndCloseEndsTheConnection() {
    Answer answer = new Answer(405, "application/json", Map.of(), "{}");

    MockResponse response = encoder.encode(answer, false, "close");

    assertThat(response.getBody()).isNull();
    assertThat(response.getHeaders().get("Content-Length")).isEqualTo("2");
    assertThat(response.getHeaders().get("Connection")).isEqualTo("close");
    assertThat(response.getOnResponseEnd()).isInstanceOf(SocketEffect.CloseSocket.class);
  }

  @Test
  void noAnswerClosesTheConnectionBeforeWritingAnything() {
    assertThat(ResponseEncoder.NO_ANSWER.getOnResponseStart()).isInstanceOf(SocketEffect.CloseSocket.class);
  }

  @Test
  void unknownStatusesGetAGenericReason() {
    assertThat(ResponseEncoder.reason(599)).isEqualTo("Server Error");
    assertThat(ResponseEncoder.reason(418)).isEqualTo("Error");
  }
}
