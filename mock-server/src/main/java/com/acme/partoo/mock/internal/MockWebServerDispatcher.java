package com.acme.partoo.mock.internal;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * Hands each request MockWebServer reads to the fake's {@link RequestHandler}, after the {@link ProtocolCheck}, and
 * turns its {@link Answer} into a response. Keeps HTTP/1.x persistence as RFC 9112 says, which MockWebServer leaves
 * to its dispatcher: after {@code Connection: close}, or an HTTP/1.0 request without {@code keep-alive}, the
 * connection is closed once answered. Over HTTP/2 a connection carries other requests: no {@code Connection} header
 * (HTTP/2 forbids it), and a dropped answer resets the request's stream instead of closing the connection.
 */
final class MockWebServerDispatcher extends mockwebserver3.Dispatcher {

  // No socket effect, no interim answer: how MockWebServer reads every request (the default makes one each time).
  private static final MockResponse PEEK = new MockResponse.Builder().build();

  private final MockWebServer server;
  private final RequestHandler handler;
  private final ResponseEncoder encoder = new ResponseEncoder(Clock.systemUTC());

  /** Answers {@code server}'s requests with {@code handler}. */
  MockWebServerDispatcher(MockWebServer server, RequestHandler handler) {
    this.server = server;
    this.handler = handler;
  }

  @Override
  public MockResponse dispatch(RecordedRequest recorded) throws InterruptedException {
    forgetQueuedRequests();
    boolean http2 = ProtocolCheck.isHttp2(recorded);
    Optional<Answer> refusal = ProtocolCheck.refusal(recorded);
    if (refusal.isPresent()) {
      return encoder.encode(refusal.get(), true, http2 ? null : "close");
    }
    Optional<Answer> answer = handler.answer(request(recorded));
    if (answer.isEmpty()) {
      if (http2) {
        throw resetStream();
      }
      return ResponseEncoder.NO_ANSWER;
    }
    return encoder.encode(answer.get(), !recorded.getMethod().equals("HEAD"),
        http2 ? null : connectionHeader(recorded));
  }

  /**
   * No answer on HTTP/2, where closing the connection would cut its other requests: MockWebServer's stream handler
   * answers an {@code IOException} from here with RST_STREAM (PROTOCOL_ERROR) before any header, which a client sees
   * as a stream reset, no status. Its socket effects cannot do that (on HTTP/2 they come from {@link #peek()}, before
   * the request is read), and {@code dispatch} declares only {@code InterruptedException}: hence the unchecked throw.
   */
  private static RuntimeException resetStream() {
    return MockWebServerDispatcher.<RuntimeException>sneaky(new IOException("dropped by the fake's fault schedule"));
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable failure) throws E {
    throw (E) failure;
  }

  @Override
  public MockResponse peek() {
    return PEEK;
  }

  /**
   * MockWebServer also queues every request it reads for {@code takeRequest()}, which the fake never calls: emptied
   * here, or a long run would keep every request and its body (the fake's journal keeps the last 100).
   */
  private void forgetQueuedRequests() throws InterruptedException {
    while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
      // dropped
    }
  }

  /** {@code Connection} to answer with: none for a persistent HTTP/1.1 connection, else what ends or keeps it. */
  private static String connectionHeader(RecordedRequest request) {
    List<String> options = new ArrayList<>();
    request.getHeaders().values("Connection")
        .forEach(value -> List.of(value.split(",")).forEach(option -> options.add(option.strip().toLowerCase(Locale.ROOT))));
    if (request.getVersion().equals("HTTP/1.0")) {
      return options.contains("keep-alive") ? "keep-alive" : "close";
    }
    return options.contains("close") ? "close" : null;
  }

  private static Request request(RecordedRequest recorded) {
    URI target = ProtocolCheck.target(recorded);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    Headers received = recorded.getHeaders();
    for (int i = 0; i < received.size(); i++) {
      headers.computeIfAbsent(received.name(i), name -> new ArrayList<>()).add(received.value(i));
    }
    headers.replaceAll((name, values) -> List.copyOf(values));
    byte[] body = recorded.getBody() == null ? new byte[0] : recorded.getBody().toByteArray();
    return new Request(recorded.getMethod(), target.getPath(), Optional.ofNullable(target.getRawQuery()).orElse(""),
        Collections.unmodifiableMap(headers), body);
  }
}
