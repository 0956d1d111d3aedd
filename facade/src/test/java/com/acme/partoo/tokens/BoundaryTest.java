package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Nothing but a {@link PartooException} leaves a call (besides the caller's own argument errors), every future
 * completes, and no answer is held in memory whole, however large.
 */
class BoundaryTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  @Test
  void anErrorThrownByTheKeySupplierFailsTheFuture() {
    ConnectionTokens tokens = partoo.client(b -> b.apiKey(() -> {
      throw new AssertionError("the vault client is broken");
    })).connectionTokens();

    CompletableFuture<ConnectionToken> future = tokens.generateAsync(USER_ID);

    assertThat(future).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(AuthenticationException.class)
        .withMessageContaining("java.lang.AssertionError").withMessageContaining("Nothing was sent");
    assertThat(partoo.requestCount()).isZero();
  }

  @Test
  void anErrorThrownByTheKeySupplierFailsABlockingCallTyped() {
    ConnectionTokens tokens = partoo.client(b -> b.apiKey(() -> {
      throw new ExceptionInInitializerError("no vault");
    })).connectionTokens();

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> tokens.generate(USER_ID));

    assertThat(e).hasMessageContaining("ExceptionInInitializerError");
    assertThat(partoo.requestCount()).isZero();
  }

  @Test
  void aMalformedSuccessKeepsItsStatusAndRequestId() {
    partoo.enqueue(json(200, "<html>maintenance</html>").newBuilder().setHeader("X-Request-Id", "req-42").build());

    UnexpectedResponseException e = catchThrowableOfType(UnexpectedResponseException.class,
        () -> partoo.tokens().generate(USER_ID));

    assertThat(e.statusCode()).hasValue(200);
    assertThat(e.requestId()).hasValue("req-42");
    assertThat(e).hasMessageContaining("HTTP 200").hasMessageContaining("req-42");
  }

  @Test
  void aSuccessfulCheckWhoseBodyIsNotAnObjectKeepsItsStatus() {
    partoo.enqueue(json(201, "[1, 2]").newBuilder().setHeader("X-Request-Id", "req-7").build());

    UnexpectedResponseException e = catchThrowableOfType(UnexpectedResponseException.class,
        () -> partoo.tokens().check(USER_ID, FakePartoo.TOKEN));

    assertThat(e.statusCode()).hasValue(201);
    assertThat(e.requestId()).hasValue("req-7");
  }

  @Test
  void aHugeErrorBodyIsNeverHeldInMemory() throws Exception {
    int size = 20 * 1024 * 1024;
    try (HugeAnswers server = new HugeAnswers(502, size)) {
      ConnectionTokens tokens = partoo.realTimeClient(b -> b.baseUrl(server.baseUrl())
          .retryPolicy(RetryPolicy.none())).connectionTokens();
      // Once first, so that class loading and the first connection are not in the measure.
      catchThrowableOfType(ServerException.class, () -> tokens.generate(USER_ID));
      long before = allocatedByThisThread();

      ServerException e = catchThrowableOfType(ServerException.class, () -> tokens.generate(USER_ID));

      long allocated = allocatedByThisThread() - before;
      assertThat(allocated).as("bytes allocated by the calling thread for a %d-byte error body", size)
          .isLessThan(2 * 1024 * 1024);
      assertThat(e.statusCode()).hasValue(502);
      assertThat(e.getMessage()).hasSizeLessThan(1_000).contains("text/html");
    }
  }

  @Test
  void aHugeSuccessfulBodyIsNeverHeldInMemory() throws Exception {
    int size = 20 * 1024 * 1024;
    try (HugeAnswers server = new HugeAnswers(200, size)) {
      ConnectionTokens tokens = partoo.realTimeClient(b -> b.baseUrl(server.baseUrl())
          .retryPolicy(RetryPolicy.none())).connectionTokens();
      catchThrowableOfType(UnexpectedResponseException.class, () -> tokens.generate(USER_ID));
      long before = allocatedByThisThread();

      UnexpectedResponseException e =
          catchThrowableOfType(UnexpectedResponseException.class, () -> tokens.generate(USER_ID));

      long allocated = allocatedByThisThread() - before;
      assertThat(allocated).as("bytes allocated by the calling thread for a %d-byte 2xx body", size)
          .isLessThan(2 * 1024 * 1024);
      assertThat(e.statusCode()).hasValue(200);
      assertThat(e.getMessage()).contains("a body longer than 65536 bytes");
    }
  }

  private static long allocatedByThisThread() {
    return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
        .getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  /** A server on loopback that answers every request with an HTML error body of {@code size} bytes, streamed. */
  private static final class HugeAnswers implements AutoCloseable {
    private final ServerSocket socket;

    HugeAnswers(int status, int size) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      Thread thread = new Thread(() -> serve(status, size), "huge-answers");
      thread.setDaemon(true);
      thread.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/v2";
    }

    private void serve(int status, int size) {
      byte[] chunk = new byte[64 * 1024];
      Arrays.fill(chunk, (byte) 'x');
      while (!socket.isClosed()) {
        try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
          client.getInputStream().read(new byte[8192]); // the request; its content does not matter here
          out.write(("HTTP/1.1 " + status + " Whatever\r\nConnection: close\r\nContent-Type: text/html\r\n"
              + "Content-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          for (int sent = 0; sent < size; sent += chunk.length) {
            out.write(chunk, 0, Math.min(chunk.length, size - sent));
          }
        } catch (IOException e) {
          // the client stopped reading (exactly what it should do), or the server is closing
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
