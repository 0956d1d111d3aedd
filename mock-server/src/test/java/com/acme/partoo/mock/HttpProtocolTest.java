package com.acme.partoo.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HTTP/1.1 as the fake serves it on MockWebServer, spoken to by hand: framing, persistence, what it refuses. */
class HttpProtocolTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private static final String GENERATE_BODY = "{\"user_id\": \"" + DefaultFixture.USER_ID + "\"}";

  private static String generate(String connectionHeader) {
    return "POST /v2/connection/generate_token HTTP/1.1\r\nHost: fake\r\nx-APIKey: " + DefaultFixture.API_KEY
        + "\r\nContent-Type: application/json\r\nContent-Length: " + GENERATE_BODY.length() + "\r\n"
        + connectionHeader + "\r\n" + GENERATE_BODY;
  }

  private static String get(String version, String headers) {
    return "GET /v2/nowhere " + version + "\r\nHost: fake\r\n" + headers + "\r\n";
  }

  @Test
  void keepAliveConnectionServesOneRequestAfterAnother() throws Exception {
    try (RawConnection connection = new RawConnection(PARTOO.fake())) {
      for (int i = 0; i < 3; i++) {
        RawConnection.Response response = connection.send(generate("")).read();

        assertThat(response.statusLine()).isEqualTo("HTTP/1.1 200 OK");
        assertThat(response.headers()).containsKeys("Date", "Content-Length").doesNotContainKey("Connection");
        assertThat(response.body()).contains("\"token\"");
      }
    }
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(3);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    try (RawConnection connection = new RawConnection(PARTOO.fake())) {
      connection.send(generate("") + get("HTTP/1.1", "") + generate(""));

      assertThat(connection.read().status()).isEqualTo(200);
      assertThat(connection.read().status()).isEqualTo(404);
      assertThat(connection.read().status()).isEqualTo(200);
    }
  }

  @Test
  void connectionCloseIsAnsweredThenTheConnectionIsClosed() throws Exception {
    try (RawConnection connection = new RawConnection(PARTOO.fake())) {
      RawConnection.Response response = connection.send(generate("Connection: close\r\n")).read();

      assertThat(response.status()).isEqualTo(200);
      assertThat(response.headers()).containsEntry("Connection", "close");
      assertThat(connection.closedByServer()).isTrue();
    }
  }

  @Test
  void http10IsClosedAfterEachAnswerUnlessItAsksForKeepAlive() throws Exception {
    try (RawConnection plain = new RawConnection(PARTOO.fake())) {
      assertThat(plain.send(get("HTTP/1.0", "")).read().headers()).containsEntry("Connection", "close");
      assertThat(plain.closedByServer()).isTrue();
    }
    try (RawConnection keepAlive = new RawConnection(PARTOO.fake())) {
      String request = get("HTTP/1.0", "Connection: keep-alive\r\n");
      assertThat(keepAlive.send(request).read().headers()).containsEntry("Connection", "keep-alive");
      assertThat(keepAlive.send(request).read().status()).isEqualTo(404);
    }
  }

  @Test
  void chunkedRequestBodyIsReassembled() throws Exception {
    String half = GENERATE_BODY.substring(0, 10);
    String rest = GENERATE_BODY.substring(10);
    String request = "POST /v2/connection/generate_token HTTP/1.1\r\nHost: fake\r\nx-APIKey: " + DefaultFixture.API_KEY
        + "\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(half.length()) + "\r\n" + half + "\r\n"
        + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n";
    try (RawConnection connection = new RawConnection(PARTOO.fake())) {
      assertThat(connection.send(request).read().status()).isEqualTo(200);
      assertThat(connection.send(generate("")).read().status()).isEqualTo(200);
    }
    assertThat(PARTOO.journal().requests().get(0).body()).isEqualTo(GENERATE_BODY);
  }

  @Test
  void expectContinueGetsNoInterimAnswerTheBodyIsReadAtOnce() throws Exception {
    String request = "POST /v2/connection/generate_token HTTP/1.1\r\nHost: fake\r\nx-APIKey: " + DefaultFixture.API_KEY
        + "\r\nExpect: 100-continue\r\nContent-Length: " + GENERATE_BODY.length() + "\r\n\r\n" + GENERATE_BODY;
    try (RawConnection connection = new RawConnection(PARTOO.fake())) {
      assertThat(connection.send(request).read().statusLine()).isEqualTo("HTTP/1.1 200 OK");
    }
  }

  @Test
  void headGetsTheHeadersWithoutTheBody() throws Exception {
    try (RawConnection connection = new RawConnection(PARTOO.fake())) {
      RawConnection.Response head = connection.send("HEAD /v2/connection/check_token HTTP/1.1\r\nHost: x\r\n\r\n")
          .read(true);

      assertThat(head.status()).isEqualTo(405);
      assertThat(Integer.parseInt(head.headers().get("Content-Length"))).isPositive();
      // Had a body been sent, this would read it instead of the next status line.
      assertThat(connection.send(get("HTTP/1.1", "")).read().statusLine()).isEqualTo("HTTP/1.1 404 Not Found");
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GET /app/connection?connection_token=\\xab HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n | 400",
      "GET /v2/connection/check_token?token=%zz HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n | 400",
      "GET  /v2/nowhere HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n | 400",
      "GET http://x/v2/nowhere HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n | 400",
      "GET /v2/nowhere HTTP/2.0\\r\\nHost: x\\r\\n\\r\\n | 505",
      "POST /v2/connection/generate_token HTTP/1.1\\r\\nContent-Length: 2\\r\\nContent-Length: 3\\r\\n\\r\\nab | 400",
      "POST /v2/connection/generate_token HTTP/1.1\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n | 501",
      "POST /v2/connection/generate_token HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\nContent-Length: 3\\r\\n\\r\\nabc | 400"})
  void requestsTheFakeCannotTakeAsHttpAreRefusedAndClosedOutsideTheJournal(String request, int status)
      throws Exception {
    try (RawConnection connection = new RawConnection(PARTOO.fake())) {
      // The cases spell CR LF as \r\n: a real line break would end the CSV record.
      RawConnection.Response response = connection.send(request.replace("\\r\\n", "\r\n")).read();

      assertThat(response.status()).isEqualTo(status);
      assertThat(response.headers()).containsEntry("Content-Type", "text/html; charset=utf-8")
          .containsEntry("Connection", "close");
      assertThat(response.body()).doesNotContain("\\xab").doesNotContain("%zz");
      assertThat(connection.closedByServer()).isTrue();
    }
    assertThat(PARTOO.journal().total()).isZero();
  }

  @Test
  void bodyOverOneMebibyteIsRefusedWith413() throws Exception {
    String body = "x".repeat(1024 * 1024 + 1);
    String request = "POST /v2/connection/generate_token HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
        + "\r\n\r\n" + body;
    try (RawConnection connection = new RawConnection(PARTOO.fake())) {
      assertThat(connection.send(request).read().status()).isEqualTo(413);
      assertThat(connection.closedByServer()).isTrue();
    }
    assertThat(PARTOO.journal().total()).isZero();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GET /v2/nowhere HTTP/1.1\\r\\n folded: header\\r\\n\\r\\n",
      "GET /v2/nowhere HTTP/1.1\\r\\nNo colon\\r\\n\\r\\n"})
  void malformedHeaderFieldsAreReadLeniently(String request) throws Exception {
    try (RawConnection connection = new RawConnection(PARTOO.fake())) {
      assertThat(connection.send(request.replace("\\r\\n", "\r\n")).read().status()).isEqualTo(404);
    }
  }

  @Test
  void headerFieldsHaveNoLengthLimit() throws Exception {
    try (RawConnection connection = new RawConnection(PARTOO.fake())) {
      String huge = "X-Big: " + "a".repeat(20_000) + "\r\n";

      assertThat(connection.send(get("HTTP/1.1", huge)).read().status()).isEqualTo(404);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "GET /v2/nowhere\\r\\nHost: x\\r\\n\\r\\n",
      "GET /v2/connection/check_token HTTP/1.1\\r\\nContent-Length: 2\\r\\n\\r\\n{}",
      "POST /v2/connection/generate_token HTTP/1.1\\r\\nContent-Length: 12x\\r\\n\\r\\n",
      "POST /v2/connection/generate_token HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n",
      "POST /v2/connection/generate_token HTTP/1.1\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n2;ext=1\\r\\n{}\\r\\n0\\r\\n\\r\\n"})
  void requestsMockWebServerCannotReadGetNoAnswerAtAll(String request) throws Exception {
    Logger log = Logger.getLogger(MockWebServer.class.getName());
    log.setUseParentHandlers(false); // MockWebServer logs the ones it gives up on with a stack trace: not in the build
    FakePartoo fake = FakePartoo.withDefaults();
    try (RawConnection connection = new RawConnection(fake)) {
      connection.send(request.replace("\\r\\n", "\r\n"));

      // Closing the fake ends the connection, whether MockWebServer closed it already or gave up on it, left open.
      fake.close();

      assertThat(connection.closedByServer()).as("no byte of answer").isTrue();
      assertThat(fake.journal().total()).isZero();
    } finally {
      fake.close();
      log.setUseParentHandlers(true);
    }
  }

  @Test
  void droppedConnectionEndsWithAFinNotAReset() throws Exception {
    PARTOO.faults().dropConnection(1);
    try (RawConnection connection = new RawConnection(PARTOO.fake())) {
      assertThat(connection.send(generate("")).endOfStream()).isTrue();
    }
    assertThat(PARTOO.journal().last()).hasValueSatisfying(recorded -> assertThat(recorded.answered()).isFalse());
  }

  @Test
  void clientOfferingAnUpgradeToHttp2IsAnsweredInHttp11() throws Exception {
    // The JDK client's default: HTTP/2 over plain http means an Upgrade: h2c offer, which the fake declines.
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(PARTOO.baseUrl() + "/connection/generate_token"))
        .header("x-APIKey", PARTOO.apiKey())
        .POST(HttpRequest.BodyPublishers.ofString(GENERATE_BODY))
        .build();

    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
  }

  @Test
  void closingTheFakeClosesItsIdleKeepAliveConnections() throws Exception {
    FakePartoo fake = FakePartoo.withDefaults();
    try (RawConnection connection = new RawConnection(fake)) {
      assertThat(connection.send(get("HTTP/1.1", "")).read().status()).isEqualTo(404);

      fake.close();

      assertThat(connection.closedByServer()).isTrue();
    }
  }

  @Test
  void startingAndUsingAFakeLeavesTheSystemPropertiesAsTheyWere() {
    Map<Object, Object> before = new HashMap<>(System.getProperties());

    try (FakePartoo fake = FakePartoo.withDefaults()) {
      new PartooHttp(fake).newToken();
    }

    assertThat(new HashMap<>(System.getProperties())).isEqualTo(before);
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isNull();
  }
}
