package com.acme.partoo.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A loopback HTTP/1.1 keep-alive server that answers {@code POST .../connection/generate_token} with one fixed, valid
 * Partoo body, and anything else with a fixed 404. Built to cost as little as possible per request, so that it is
 * never what a benchmark measures: a thread per connection blocking on a plain socket, one reused buffer per
 * connection, the whole answer pre-encoded and written with one call, nothing allocated per request. It understands
 * exactly what an HTTP client sends it here (a request line, headers, a {@code Content-Length} body) and closes the
 * connection on anything else (a chunked body, a request head larger than its buffer).
 */
public final class CannedTokenServer implements AutoCloseable {

  /** The token every answer carries: Partoo-shaped, a backslash, {@code x}, then 48 hex digits. */
  public static final String TOKEN = "\\x9f2c4a7be1d05836f0a4c2e8b19d7f3a6c5e08b4d2f1a937";
  /** The expiration every answer carries, written the way Partoo writes timestamps. */
  public static final String EXPIRATION_DATE = "2030-01-01T00:00:00.000000+00:00";

  private static final String GENERATE_PATH = "/connection/generate_token";
  private static final byte[] GENERATE_PATH_BYTES = GENERATE_PATH.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);
  // Enough for any request head an HTTP client sends here (a few hundred bytes) many times over.
  private static final int BUFFER_SIZE = 16 * 1024;

  /** The body of every {@code generate_token} answer. */
  public static final String BODY =
      "{\"token\": \"" + TOKEN.replace("\\", "\\\\") + "\", \"expiration_date\": \"" + EXPIRATION_DATE + "\"}";

  private static final byte[] OK = response("200 OK", BODY);
  private static final byte[] NOT_FOUND = response("404 Not Found", "{\"errors\": {\"json\": \"Resource not found\"}}");

  private static CannedTokenServer shared;

  private final ServerSocket serverSocket;
  private final String baseUrl;

  private CannedTokenServer(ServerSocket serverSocket) {
    this.serverSocket = serverSocket;
    this.baseUrl = "http://127.0.0.1:" + serverSocket.getLocalPort() + "/v2";
    Thread acceptor = new Thread(this::acceptLoop, "canned-token-server-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a server of its own on a free loopback port; {@link #close()} stops it. */
  public static CannedTokenServer start() {
    try {
      ServerSocket socket = new ServerSocket();
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
      return new CannedTokenServer(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback", e);
    }
  }

  /**
   * The one server of this JVM, started on first use and never stopped (its threads are daemons): every benchmark
   * run in the JVM talks to it.
   */
  public static synchronized CannedTokenServer shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  /** {@code http://127.0.0.1:PORT/v2}, the base URL the clients are given (no trailing slash). */
  public String baseUrl() {
    return baseUrl;
  }

  /** The port it listens on, on the loopback address. */
  public int port() {
    return serverSocket.getLocalPort();
  }

  /** Stops accepting; open connections end when their clients close them. */
  @Override
  public void close() throws IOException {
    serverSocket.close();
  }

  private void acceptLoop() {
    int connections = 0;
    while (!serverSocket.isClosed()) {
      try {
        Socket socket = serverSocket.accept();
        // The answer goes out in one write: never wait for an ACK to send it.
        socket.setTcpNoDelay(true);
        Thread connection = new Thread(() -> serve(socket), "canned-token-server-" + ++connections);
        connection.setDaemon(true);
        connection.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      byte[] buffer = new byte[BUFFER_SIZE];
      int start = 0;
      int end = 0;
      while (true) {
        int headEnd;
        while ((headEnd = indexOfHeadEnd(buffer, start, end)) < 0) {
          if (start == end) {
            start = 0;
            end = 0;
          } else if (end == buffer.length) {
            if (start == 0) {
              return; // a request head larger than the buffer: not one of ours
            }
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
          }
          int read = in.read(buffer, end, buffer.length - end);
          if (read < 0) {
            return;
          }
          end += read;
        }
        if (indexOfHeader(buffer, start, headEnd, TRANSFER_ENCODING) >= 0) {
          return; // chunked bodies are not expected here
        }
        long bodyLength = contentLength(buffer, start, headEnd);
        boolean generate = isGenerate(buffer, start, headEnd);
        int bodyStart = headEnd + 4;
        long inBuffer = end - bodyStart;
        if (inBuffer >= bodyLength) {
          start = bodyStart + (int) bodyLength;
        } else {
          skipFully(in, bodyLength - inBuffer);
          start = 0;
          end = 0;
        }
        out.write(generate ? OK : NOT_FOUND);
      }
    } catch (IOException e) {
      // The client went away: nothing to do.
    }
  }

  /**
   * The index of the {@code \r\n\r\n} that ends a request head in {@code [from, to)}, or -1. Shared with the outage
   * simulation's server.
   */
  public static int indexOfHeadEnd(byte[] b, int from, int to) {
    for (int i = from; i + 3 < to; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Where the value of header {@code name} (lower case, with its colon) starts in the head, or -1. */
  private static int indexOfHeader(byte[] b, int from, int headEnd, byte[] name) {
    for (int i = from; i < headEnd; i++) {
      if (b[i] == '\n' && startsWithIgnoreCase(b, i + 1, headEnd, name)) {
        return i + 1 + name.length;
      }
    }
    return -1;
  }

  private static boolean startsWithIgnoreCase(byte[] b, int at, int limit, byte[] lowerCase) {
    if (at + lowerCase.length > limit) {
      return false;
    }
    for (int j = 0; j < lowerCase.length; j++) {
      int c = b[at + j];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != lowerCase[j]) {
        return false;
      }
    }
    return true;
  }

  /** The {@code Content-Length} of the request head in {@code [from, headEnd)}, 0 if it has none. */
  public static long contentLength(byte[] b, int from, int headEnd) {
    int i = indexOfHeader(b, from, headEnd, CONTENT_LENGTH);
    if (i < 0) {
      return 0;
    }
    while (b[i] == ' ' || b[i] == '\t') {
      i++;
    }
    long length = 0;
    while (b[i] >= '0' && b[i] <= '9') {
      length = length * 10 + (b[i++] - '0');
    }
    return length;
  }

  /** True for {@code POST <anything>/connection/generate_token HTTP/1.1}. */
  private static boolean isGenerate(byte[] b, int from, int headEnd) {
    if (!(b[from] == 'P' && b[from + 1] == 'O' && b[from + 2] == 'S' && b[from + 3] == 'T' && b[from + 4] == ' ')) {
      return false;
    }
    int pathEnd = from + 5;
    while (pathEnd < headEnd && b[pathEnd] != ' ') {
      pathEnd++;
    }
    int pathStart = pathEnd - GENERATE_PATH_BYTES.length;
    if (pathStart < from + 5) {
      return false;
    }
    for (int j = 0; j < GENERATE_PATH_BYTES.length; j++) {
      if (b[pathStart + j] != GENERATE_PATH_BYTES[j]) {
        return false;
      }
    }
    return true;
  }

  private static void skipFully(InputStream in, long count) throws IOException {
    long left = count;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new IOException("the client closed the connection mid-body");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }

  private static byte[] response(String status, String body) {
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + "\r\n"
        + "Content-Type: application/json\r\n"
        + "Content-Length: " + bodyBytes.length + "\r\n"
        + "\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[headBytes.length + bodyBytes.length];
    System.arraycopy(headBytes, 0, all, 0, headBytes.length);
    System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
    return all;
  }

  /** The exact bytes of the {@code generate_token} answer, for a raw client that reads exactly that much. */
  static int okLength() {
    return OK.length;
  }
}
