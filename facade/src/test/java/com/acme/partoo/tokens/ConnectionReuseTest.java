package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.quoted;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 2xx answer is read to its end before the client lets its connection go, so the connection goes back to the pool
 * however the answer's last bytes are paced. A chunked answer (WireMock's, and that of many servers and proxies) ends
 * with a terminal chunk the server may write a moment after the JSON; OkHttp, closing a body that was not read to its
 * end, waits only 100 ms for the rest before it gives the connection up, so on a busy machine, or behind a slow
 * proxy, each such answer cost a new connection (and, over TLS, a new handshake).
 */
class ConnectionReuseTest {

  // Far past OkHttp's 100 ms discard window: the old code gave up every such connection.
  private static final long LAST_CHUNK_LATE_MILLIS = 400;

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  /** {@code json} as one chunk, with the rest of the chunked framing (terminal chunk and trailers) sent late. */
  private static MockResponse chunkedWithALateEnd(String json) {
    return new MockResponse.Builder()
        .setHeader("Content-Type", "application/json")
        .chunkedBody(json, Integer.MAX_VALUE)
        .trailersDelay(LAST_CHUNK_LATE_MILLIS, TimeUnit.MILLISECONDS)
        .build();
  }

  @ParameterizedTest(name = "async: {0}")
  @ValueSource(booleans = {false, true})
  void aChunkedTokenWhoseLastChunkComesLateLeavesTheConnectionReusable(boolean async) throws Exception {
    String body = "{\"token\":" + quoted(TOKEN) + ",\"expiration_date\":\"" + FakePartoo.EXPIRATION + "\"}";
    partoo.enqueue(chunkedWithALateEnd(body), chunkedWithALateEnd(body));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    for (int i = 0; i < 2; i++) {
      ConnectionToken token = async ? tokens.generateAsync(USER_ID).get(30, TimeUnit.SECONDS) : tokens.generate(USER_ID);
      assertThat(token.token()).isEqualTo(TOKEN);
    }

    assertSecondRequestReusedTheFirstsConnection();
  }

  @Test
  void aChunkedStatusWhoseLastChunkComesLateLeavesTheConnectionReusable() {
    String body = "{\"token\":" + quoted(TOKEN) + ",\"status\":\"valid\",\"expiration_date\":\""
        + FakePartoo.EXPIRATION + "\"}";
    partoo.enqueue(chunkedWithALateEnd(body), chunkedWithALateEnd(body));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    tokens.check(USER_ID, TOKEN);
    tokens.check(USER_ID, TOKEN);

    assertSecondRequestReusedTheFirstsConnection();
  }

  private void assertSecondRequestReusedTheFirstsConnection() {
    mockwebserver3.RecordedRequest first = partoo.takeRequest();
    mockwebserver3.RecordedRequest second = partoo.takeRequest();
    assertThat(second.getConnectionIndex()).as("the connection of the second request").isEqualTo(
        first.getConnectionIndex());
    assertThat(second.getExchangeIndex()).as("its exchanges before the second request").isEqualTo(1);
  }
}
