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
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import okhttp3.tls.HandshakeCertificates;

/**
 * A loopback HTTP/1.1 keep-alive server that answers {@code POST .../connection/generate_token} with one fixed, valid
 * Partoo body, and anything else with a fixed 404. Built to cost as little as possible per request, so that it is
 * never what a benchmark measures: a thread per connection blocking on a plain socket, one reused buffer per
 * connection, the whole answer pre-encoded and written with one call, nothing allocated per request. It understands
 * exactly what an HTTP client sends it here (a request line, headers, a {@code Content-Length} or chunked body) and
 * closes the connection on anything else (a request head larger than its buffer).
 *
 * <p>{@link #startTls} serves the same over TLS (the JDK's {@code SSLSocket}, ALPN offering {@code http/1.1} only), the
 * handshake done on the connection's own thread. Either way it counts connections and handshakes
 * ({@link #counts()}).
 */
public final class CannedTokenServer implements TokenServer {

  /** The token every answer carries: Partoo-shaped, a backslash, {@code x}, then 48 hex digits. */
  public static final String TOKEN = "\\x9f2c4a7be1d05836f0a4c2e8b19d7f3a6c5e08b4d2f1a937";
  /** The expiration every answer carries, written the way Partoo writes timestamps. */
  public static final String EXPIRATION_DATE = "2030-01-01T00:00:00.000000+00:00";

  /** The path, under the base URL, that {@code generate_token} is answered on. */
  public static final String GENERATE_PATH = "/connection/generate_token";
  private static final byte[] GENERATE_PATH_BYTES = GENERATE_PATH.getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT_LENGTH = "content-length:".getBytes(StandardCharsets.US_ASCII);
  // Only chunked is ever sent (HTTP/1.1 requires it last of any transfer coding), by clients that stream a body of
  // unknown length: Spring's RestClient with Jackson.
  private static final byte[] TRANSFER_ENCODING = "transfer-encoding:".getBytes(StandardCharsets.US_ASCII);
  // Enough for any request head an HTTP client sends here (a few hundred bytes) many times over.
  private static final int BUFFER_SIZE = 16 * 1024;

  /** The body of every {@code generate_token} answer. */
  public static final String BODY =
      "{\"token\": \"" + TOKEN.replace("\\", "\\\\") + "\", \"expiration_date\": \"" + EXPIRATION_DATE + "\"}";

  /** The body of every other answer, a 404. */
  static final String NOT_FOUND_BODY = "{\"errors\": {\"json\": \"Resource not found\"}}";

  private static final byte[] OK = response("200 OK", BODY);
  private static final byte[] NOT_FOUND = response("404 Not Found", NOT_FOUND_BODY);

  private static CannedTokenServer shared;

  private final ServerSocket serverSocket;
  private final boolean tls;
  private final String baseUrl;
  private final ConnectionCounts counts = new ConnectionCounts();

  private CannedTokenServer(ServerSocket serverSocket) {
    this.serverSocket = serverSocket;
    this.tls = serverSocket instanceof SSLServerSocket;
    this.baseUrl = (tls ? "https" : "http") + "://127.0.0.1:" + serverSocket.getLocalPort() + "/v2";
    Thread acceptor = new Thread(this::acceptLoop, "canned-token-server-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Starts a server of its own on a free loopback port; {@link #close()} stops it. */
  public static CannedTokenServer start() {
    try {
      return listening(new ServerSocket());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback", e);
    }
  }

  /**
   * Starts a TLS server of its own on a free loopback port, presenting {@code certificates}' held certificate and
   * selecting {@code http/1.1} by ALPN (a client offering {@code h2} too gets HTTP/1.1); {@link #close()} stops it.
   */
  public static CannedTokenServer startTls(HandshakeCertificates certificates) {
    try {
      SSLServerSocket socket =
          (SSLServerSocket) certificates.sslContext().getServerSocketFactory().createServerSocket();
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"http/1.1"});
      socket.setSSLParameters(parameters);
      return listening(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback", e);
    }
  }

  private static CannedTokenServer listening(ServerSocket socket) throws IOException {
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    return new CannedTokenServer(socket);
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

  @Override
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public ConnectionCounts counts() {
    return counts;
  }

  @Override
  public String description() {
    return "CannedTokenServer: a thread per connection on a blocking " + (tls ? "SSLSocket (the JDK's TLS)" : "socket")
        + ", one pre-encoded answer";
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
        counts.connected();
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

  private void serve(Socket socket) {
    try (socket) {
      if (socket instanceof SSLSocket ssl) {
        // On this thread, not the acceptor's: a slow handshake delays no other client.
        ssl.startHandshake();
        counts.handshake(ssl.getSession(), ssl.getApplicationProtocol());
      } else {
        counts.cleartext();
      }
      RequestReader request = new RequestReader(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      byte[] b = request.buffer;
      while (true) {
        int headEnd = request.find(CannedTokenServer::indexOfHeadEnd);
        if (headEnd < 0) {
          return; // closed, or a request head larger than the buffer: not one of ours
        }
        int start = request.start;
        boolean chunked = indexOfHeader(b, start, headEnd, TRANSFER_ENCODING) >= 0;
        long bodyLength = contentLength(b, start, headEnd);
        boolean generate = isGenerate(b, start, headEnd);
        request.start = headEnd + 4;
        if (chunked ? !request.skipChunks() : !request.skip(bodyLength)) {
          return;
        }
        out.write(generate ? OK : NOT_FOUND);
      }
    } catch (IOException e) {
      // The client went away, or its handshake failed: nothing to do.
    }
  }

  /** Finds something in {@code [from, to)} of a buffer: its index, or -1. */
  private interface Finder {
    int find(byte[] b, int from, int to);
  }

  /** One connection's reads, through one reused buffer: nothing allocated per request. */
  private static final class RequestReader {

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int start;
    private int end;

    RequestReader(InputStream in) {
      this.in = in;
    }

    /** Where {@code finder} finds something from {@code start} on, reading as needed; -1 at the end or if it never fits. */
    int find(Finder finder) throws IOException {
      int at;
      while ((at = finder.find(buffer, start, end)) < 0) {
        if (!fill()) {
          return -1;
        }
      }
      return at;
    }

    /** Reads more after {@code end}, first making room; false at the end of the stream or with the buffer full. */
    private boolean fill() throws IOException {
      if (start == end) {
        start = 0;
        end = 0;
      } else if (end == buffer.length) {
        if (start == 0) {
          return false;
        }
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      }
      int read = in.read(buffer, end, buffer.length - end);
      if (read < 0) {
        return false;
      }
      end += read;
      return true;
    }

    /** Skips {@code count} bytes from {@code start}; false if the stream ended first. */
    boolean skip(long count) throws IOException {
      long inBuffer = end - start;
      if (inBuffer >= count) {
        start += (int) count;
        return true;
      }
      start = 0;
      end = 0;
      return skipFully(in, count - inBuffer);
    }

    /** Skips a chunked body from {@code start}: chunks, the last (empty) one, trailers; false if it ended first. */
    boolean skipChunks() throws IOException {
      while (true) {
        int lineEnd = find(CannedTokenServer::indexOfLineEnd);
        if (lineEnd < 0) {
          return false;
        }
        long size = chunkSize(buffer, start, lineEnd);
        start = lineEnd + 2;
        if (size == 0) {
          return skipTrailers();
        }
        if (!skip(size + 2)) { // the chunk and its CRLF
          return false;
        }
      }
    }

    private boolean skipTrailers() throws IOException {
      while (true) {
        int lineEnd = find(CannedTokenServer::indexOfLineEnd);
        if (lineEnd < 0) {
          return false;
        }
        boolean empty = lineEnd == start;
        start = lineEnd + 2;
        if (empty) {
          return true;
        }
      }
    }
  }

  /** The index of the next {@code \r\n} in {@code [from, to)}, or -1. */
  private static int indexOfLineEnd(byte[] b, int from, int to) {
    for (int i = from; i + 1 < to; i++) {
      if (b[i] == '\r' && b[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** The hexadecimal size at the start of a chunk's line {@code [from, lineEnd)}, extensions ignored. */
  private static long chunkSize(byte[] b, int from, int lineEnd) {
    long size = 0;
    for (int i = from; i < lineEnd; i++) {
      int digit = Character.digit(b[i], 16);
      if (digit < 0) {
        break;
      }
      size = size * 16 + digit;
    }
    return size;
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

  private static boolean skipFully(InputStream in, long count) throws IOException {
    long left = count;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          return false; // the client closed the connection mid-body
        }
        skipped = 1;
      }
      left -= skipped;
    }
    return true;
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
