package com.acme.partoo.mock.internal;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK HTTP server on 127.0.0.1 with its own small pool of daemon worker threads. */
public final class LoopbackServer {

  /** The address the fake listens on, and the host of its URLs: a literal, so no name lookup is involved. */
  public static final String HOST = "127.0.0.1";

  private static final String NO_DELAY = "sun.net.httpserver.nodelay";
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicBoolean stopped = new AtomicBoolean();

  private LoopbackServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Listens on {@code port} (0: a free one) and serves every path with {@code handler} on {@code threads} threads.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static LoopbackServer start(int port, int threads, HttpHandler handler) {
    // The JDK server writes the headers and the body of an answer as two packets; with Nagle's algorithm on, the
    // body then waits for the client's delayed ACK (40 ms on Linux) on every request. The switch is a system
    // property read once per JVM, by the first HttpServer created: set it unless someone chose otherwise.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(HOST), port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + HOST + ":" + port, e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(threads, workers(SERVERS.incrementAndGet()));
    server.createContext("/", handler);
    server.setExecutor(executor);
    server.start();
    return new LoopbackServer(server, executor);
  }

  /** The port actually bound. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Closes the listening socket and open connections, then ends the workers; idempotent. */
  public void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // Daemon threads: a test that forgets close() must not keep the JVM alive.
  private static ThreadFactory workers(int serverNumber) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "fake-partoo-" + serverNumber + "-worker-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
