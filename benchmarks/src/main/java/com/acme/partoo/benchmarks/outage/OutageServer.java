package com.acme.partoo.benchmarks.outage;

import com.acme.partoo.benchmarks.CannedTokenServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The simulated Partoo: a loopback HTTP/1.1 keep-alive server on one thread (a NIO selector), so that 64 hung
 * connections cost it nothing. It listens on one port per client of the fleet, so it knows whose every request is,
 * and answers each request after a fixed latency with {@link CannedTokenServer#BODY} while healthy; during the
 * outage phase of its {@link Schedule} it fails as its {@link OutageKind} says: it reads a request and never answers
 * it (that connection then stays silent until the client closes it), or answers 503, or 429 with {@code Retry-After}.
 * A request is judged by the phase it arrives in. Every request is logged: arrival time, client, answer.
 *
 * <p>It understands what OkHttp sends here (request heads with a {@code Content-Length} body) and closes a connection
 * on anything else (a request head larger than its buffer).
 */
final class OutageServer implements AutoCloseable {

  /** What a request was answered, as logged in {@link #requests()}'s codes. */
  enum Answer {
    OK,
    UNAVAILABLE,
    RATE_LIMITED,
    NEVER
  }

  private static final int BUFFER_SIZE = 16 * 1024;

  private final Selector selector;
  private final List<ServerSocketChannel> listeners = new ArrayList<>();
  private final OutageKind kind;
  private final long latencyNanos;
  private final byte[] ok;
  private final byte[] unavailable;
  private final byte[] rateLimited;
  private final EventLog requests = new EventLog();
  // Answers due, in the order they are due: every answer waits the same latency, so arrival order is due order.
  private final ArrayDeque<Due> due = new ArrayDeque<>();
  private final Thread thread;
  private volatile @Nullable Schedule schedule;
  private volatile int hungConnections;
  private volatile boolean closed;

  private record Due(long at, Connection connection, byte[] answer) {}

  /** One accepted connection, touched by the selector thread only. */
  private static final class Connection {
    final SocketChannel channel;
    final int client;
    final ByteBuffer in = ByteBuffer.allocate(BUFFER_SIZE);
    long bodyLeft = -1; // -1 while reading a head; then the body bytes still to read
    boolean hung;
    @Nullable ByteBuffer out;

    Connection(SocketChannel channel, int client) {
      this.channel = channel;
      this.client = client;
    }
  }

  private OutageServer(int clients, OutageKind kind, long latencyNanos, int retryAfterSeconds) throws IOException {
    this.kind = kind;
    this.latencyNanos = latencyNanos;
    this.ok = answer("200 OK", "", CannedTokenServer.BODY);
    this.unavailable = answer("503 Service Unavailable", "", "{\"errors\": {\"json\": \"Service unavailable\"}}");
    this.rateLimited = answer("429 Too Many Requests", "Retry-After: " + retryAfterSeconds + "\r\n",
        "{\"errors\": {\"json\": \"Too many requests\"}}");
    this.selector = Selector.open();
    for (int client = 0; client < clients; client++) {
      ServerSocketChannel listener = ServerSocketChannel.open();
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
      listener.configureBlocking(false);
      listener.register(selector, SelectionKey.OP_ACCEPT, client);
      listeners.add(listener);
    }
    this.thread = new Thread(this::loop, "outage-server");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Starts a server for {@code clients} clients, healthy until {@link #begin} gives it a schedule.
   *
   * @param latency how long every answer takes, healthy or not
   * @param retryAfterSeconds the {@code Retry-After} of a {@link OutageKind#RATE_LIMITED} outage's 429s
   */
  static OutageServer start(int clients, OutageKind kind, long latency, TimeUnit unit, int retryAfterSeconds) {
    try {
      return new OutageServer(clients, kind, unit.toNanos(latency), retryAfterSeconds);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on loopback", e);
    }
  }

  /** The base URL client {@code client} (0-based) is given: {@code http://127.0.0.1:PORT/v2}. */
  String baseUrl(int client) {
    return "http://127.0.0.1:" + listeners.get(client).socket().getLocalPort() + "/v2";
  }

  /** From now on, requests are answered as {@code schedule}'s phase at their arrival says. */
  void begin(Schedule schedule) {
    this.schedule = schedule;
  }

  /** Every request so far: arrival ({@link System#nanoTime()}), the client (as value), the {@link Answer} (as code). */
  EventLog.Events requests() {
    return requests.snapshot();
  }

  /** Connections open now on which a request was read and will never be answered. */
  int hungConnections() {
    return hungConnections;
  }

  /** Stops the server and closes every connection, answered or not. */
  @Override
  public void close() throws IOException {
    closed = true;
    selector.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    try (selector) {
      while (!closed) {
        long untilDue = sendDue();
        selector.select(untilDue < 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilDue + 999_999)));
        for (SelectionKey key : selector.selectedKeys()) {
          handle(key);
        }
        selector.selectedKeys().clear();
      }
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the outage server failed", e);
    }
  }

  /** Writes the answers that are due; returns the nanoseconds until the next one, or -1 if none is waiting. */
  private long sendDue() {
    long now = System.nanoTime();
    Due next;
    while ((next = due.peek()) != null && next.at - now <= 0) {
      due.poll();
      write(next.connection, ByteBuffer.wrap(next.answer));
    }
    return next == null ? -1 : next.at - now;
  }

  private void handle(SelectionKey key) {
    if (!key.isValid()) {
      return;
    }
    try {
      if (key.isAcceptable()) {
        accept(key);
        return;
      }
      Connection connection = (Connection) key.attachment();
      if (key.isWritable()) {
        write(connection, connection.out);
      }
      if (key.isValid() && key.isReadable()) {
        read(key, connection);
      }
    } catch (IOException e) {
      close(key); // the client went away
    }
  }

  private void accept(SelectionKey key) throws IOException {
    SocketChannel channel = ((ServerSocketChannel) key.channel()).accept();
    if (channel == null) {
      return;
    }
    channel.configureBlocking(false);
    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
    channel.register(selector, SelectionKey.OP_READ, new Connection(channel, (Integer) key.attachment()));
  }

  private void read(SelectionKey key, Connection connection) throws IOException {
    ByteBuffer in = connection.in;
    if (connection.channel.read(in) < 0) {
      close(key);
      return;
    }
    byte[] b = in.array();
    int start = 0;
    int end = in.position();
    while (true) {
      if (connection.bodyLeft >= 0) {
        int skipped = (int) Math.min(connection.bodyLeft, end - start);
        start += skipped;
        connection.bodyLeft -= skipped;
        if (connection.bodyLeft > 0) {
          break;
        }
        connection.bodyLeft = -1;
        request(connection);
      }
      int headEnd = CannedTokenServer.indexOfHeadEnd(b, start, end);
      if (headEnd < 0) {
        break;
      }
      connection.bodyLeft = CannedTokenServer.contentLength(b, start, headEnd);
      start = headEnd + 4;
    }
    System.arraycopy(b, start, b, 0, end - start);
    in.position(end - start);
    if (!in.hasRemaining()) {
      close(key); // a request head larger than the buffer: not one of ours
    }
  }

  /** A whole request has arrived on {@code connection}: log it and answer it, now or never. */
  private void request(Connection connection) {
    long now = System.nanoTime();
    Schedule current = schedule;
    boolean outage = current != null && current.phaseAt(now) == Schedule.Phase.OUTAGE;
    Answer answer = connection.hung ? Answer.NEVER : !outage ? Answer.OK : switch (kind) {
      case HANG -> Answer.NEVER;
      case UNAVAILABLE -> Answer.UNAVAILABLE;
      case RATE_LIMITED -> Answer.RATE_LIMITED;
    };
    requests.add(now, connection.client, answer.ordinal());
    if (answer == Answer.NEVER) {
      if (!connection.hung) {
        connection.hung = true;
        hungConnections++;
      }
      return;
    }
    due.add(new Due(now + latencyNanos, connection, switch (answer) {
      case OK -> ok;
      case UNAVAILABLE -> unavailable;
      default -> rateLimited;
    }));
  }

  /** Writes {@code buffer} after what is still waiting to go out; the rest when the socket can take it. */
  private void write(Connection connection, @Nullable ByteBuffer buffer) {
    SelectionKey key = connection.channel.keyFor(selector);
    if (buffer == null || key == null || !key.isValid()) {
      return; // the connection closed before its answer was due
    }
    ByteBuffer pending = connection.out;
    if (pending != null && pending != buffer) {
      ByteBuffer joined = ByteBuffer.allocate(pending.remaining() + buffer.remaining());
      buffer = joined.put(pending).put(buffer).flip();
    }
    try {
      connection.channel.write(buffer);
    } catch (IOException e) {
      close(key);
      return;
    }
    connection.out = buffer.hasRemaining() ? buffer : null;
    key.interestOps(buffer.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
  }

  private void close(SelectionKey key) {
    if (key.attachment() instanceof Connection connection && connection.hung && key.isValid()) {
      hungConnections--;
    }
    key.cancel();
    try {
      key.channel().close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private static byte[] answer(String status, String headers, String body) {
    byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
    String head = "HTTP/1.1 " + status + "\r\nContent-Type: application/json\r\n" + headers + "Content-Length: "
        + bodyBytes.length + "\r\n\r\n";
    return (head + body).getBytes(StandardCharsets.UTF_8);
  }
}
