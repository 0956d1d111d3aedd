package com.acme.partoo.mock.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on 127.0.0.1: one acceptor thread, one daemon thread per open connection, and at most
 * {@code threads} requests answered at once. Every socket has {@code TCP_NODELAY} and every answer leaves in one
 * write, so keep-alive requests take well under a millisecond, without any JVM-wide setting (the JDK's own server
 * needs {@code -Dsun.net.httpserver.nodelay=true} for that on JDK 17: see README). Connections idle for
 * {@link #IDLE_TIMEOUT} are closed, as the JDK server does.
 */
final class LoopbackServer {

  /** The address the fake listens on, and the host of its URLs: a literal, so no name lookup is involved. */
  static final String HOST = "127.0.0.1";

  /** How long a connection may wait for its next request (the JDK server's default idle interval). */
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final ServerSocket listener;
  private final RequestHandler handler;
  private final Semaphore answering;
  private final ResponseEncoder encoder = new ResponseEncoder(Clock.systemUTC());
  private final String name = "fake-partoo-" + SERVERS.incrementAndGet();
  private final AtomicInteger connectionCount = new AtomicInteger();
  private final Map<Socket, Thread> connections = new ConcurrentHashMap<>();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread acceptor;

  private LoopbackServer(ServerSocket listener, int threads, RequestHandler handler) {
    this.listener = listener;
    this.handler = handler;
    this.answering = new Semaphore(threads);
    this.acceptor = daemon(this::acceptAll, name + "-acceptor");
  }

  /**
   * Listens on {@code port} (0: a free one) and answers every request with {@code handler}, at most {@code threads}
   * at a time.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  static LoopbackServer start(int port, int threads, RequestHandler handler) {
    ServerSocket listener;
    try {
      listener = new ServerSocket(port, 50, InetAddress.getByName(HOST));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + HOST + ":" + port, e);
    }
    LoopbackServer server = new LoopbackServer(listener, threads, handler);
    server.acceptor.start();
    return server;
  }

  /** The port actually bound. */
  int port() {
    return listener.getLocalPort();
  }

  /** Closes the listening socket and every open connection, cutting off requests in flight; idempotent. */
  void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    closeQuietly(listener);
    connections.forEach((socket, thread) -> {
      closeQuietly(socket);
      thread.interrupt(); // a request held by a delay fault is waiting, not reading
    });
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    try {
      acceptor.join(TimeUnit.NANOSECONDS.toMillis(Math.max(1, deadline - System.nanoTime())));
      for (Thread thread : connections.values()) {
        thread.join(TimeUnit.NANOSECONDS.toMillis(Math.max(1, deadline - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void acceptAll() {
    while (!stopped.get()) {
      Socket socket;
      try {
        socket = listener.accept();
      } catch (IOException e) {
        return; // the listener was closed by stop(), or failed for good
      }
      serve(socket);
    }
  }

  private void serve(Socket socket) {
    try {
      // Belt and braces with the single write: nothing this socket sends waits for an ACK (Nagle's algorithm).
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
    } catch (SocketException e) {
      closeQuietly(socket);
      return;
    }
    HttpConnection connection = new HttpConnection(socket, handler, answering, encoder);
    Thread thread = daemon(() -> {
      try {
        connection.run();
      } finally {
        connections.remove(socket);
      }
    }, name + "-connection-" + connectionCount.incrementAndGet());
    connections.put(socket, thread);
    if (stopped.get()) {
      // stop() may have walked the connections before this one was added.
      connections.remove(socket);
      closeQuietly(socket);
      return;
    }
    thread.start();
  }

  // Daemon threads: a test that forgets close() must not keep the JVM alive.
  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Closing is best effort: the socket is gone either way.
    }
  }
}
