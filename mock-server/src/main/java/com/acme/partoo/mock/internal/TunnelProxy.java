package com.acme.partoo.mock.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machinery of {@code FakeProxy}: a blocking CONNECT proxy, one daemon thread accepting, one per client
 * connection reading its {@code CONNECT}, then one more per tunnel copying the other direction. Small on purpose: a
 * test proxy, not a product.
 */
public final class TunnelProxy implements Closeable {

  /** Where it listens: a literal, so no name lookup is involved. */
  public static final String HOST = "127.0.0.1";
  // A CONNECT request head is a few hundred bytes; anything longer is not one.
  private static final int MAX_HEAD = 16 * 1024;

  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger connects = new AtomicInteger();
  private final AtomicInteger connectsWithCredentials = new AtomicInteger();
  private final AtomicInteger tunnels = new AtomicInteger();
  private final List<String> authorities = new CopyOnWriteArrayList<>();
  // The expected header value, compared in constant time; null: anyone may connect.
  private volatile byte[] expectedAuthorization;
  private volatile int refusal;
  private volatile InetSocketAddress target;

  private TunnelProxy(ServerSocket server) {
    this.server = server;
  }

  /** Listens on a free port of {@link #HOST}. */
  public static TunnelProxy start() {
    try {
      ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName(HOST));
      TunnelProxy proxy = new TunnelProxy(socket);
      daemon("fake-proxy-acceptor", proxy::acceptLoop).start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + HOST, e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  public void requireCredentials(String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    expectedAuthorization = ("Basic " + token).getBytes(StandardCharsets.UTF_8);
  }

  public void acceptAnyone() {
    expectedAuthorization = null;
  }

  public void refuseWith(int status) {
    refusal = status;
  }

  public void tunnelTo(InetSocketAddress target) {
    this.target = target;
  }

  public int connectRequests() {
    return connects.get();
  }

  public int connectRequestsWithCredentials() {
    return connectsWithCredentials.get();
  }

  public int tunnels() {
    return tunnels.get();
  }

  public List<String> requestedAuthorities() {
    return List.copyOf(authorities);
  }

  @Override
  public void close() {
    closeQuietly(server);
    open.forEach(TunnelProxy::closeQuietly);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      open.add(client);
      daemon("fake-proxy-client", () -> serve(client)).start();
    }
  }

  private void serve(Socket client) {
    try {
      client.setTcpNoDelay(true);
      InputStream in = client.getInputStream();
      OutputStream out = client.getOutputStream();
      while (true) { // a client may send CONNECT again on the same connection after a 407
        List<String> head = readHead(in);
        if (head.isEmpty()) {
          return;
        }
        String[] requestLine = head.get(0).split(" ");
        if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
          answer(out, 501, "Not Implemented", "");
          return;
        }
        connects.incrementAndGet();
        authorities.add(requestLine[1]);
        String authorization = header(head, "Proxy-Authorization");
        if (authorization != null) {
          connectsWithCredentials.incrementAndGet();
        }
        int refused = refusal;
        if (refused != 0) {
          answer(out, refused, "Refused", "");
          return;
        }
        byte[] expected = expectedAuthorization;
        if (expected != null && (authorization == null
            || !MessageDigest.isEqual(expected, authorization.getBytes(StandardCharsets.UTF_8)))) {
          answer(out, 407, "Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"fake-proxy\"\r\n");
          continue;
        }
        tunnel(client, in, out, requestLine[1]);
        return;
      }
    } catch (IOException e) {
      // The client went away, or the proxy is closing: nothing to report in a test proxy.
    } finally {
      open.remove(client);
      closeQuietly(client);
    }
  }

  private void tunnel(Socket client, InputStream in, OutputStream out, String authority) throws IOException {
    InetSocketAddress to = target != null ? target : parse(authority);
    Socket upstream = new Socket();
    open.add(upstream);
    try {
      try {
        upstream.connect(to, 5_000);
        upstream.setTcpNoDelay(true);
      } catch (IOException e) {
        answer(out, 502, "Bad Gateway", "");
        return;
      }
      answer(out, 200, "Connection Established", "");
      tunnels.incrementAndGet();
      Thread back = daemon("fake-proxy-tunnel", () -> copy(upstream, client));
      back.start();
      copy(client, upstream);
      try {
        back.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } finally {
      open.remove(upstream);
      closeQuietly(upstream);
    }
  }

  /** Copies until either side ends, then ends the other side's writing (or both, on a failure). */
  private static void copy(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) >= 0) {
        out.write(buffer, 0, read);
        out.flush();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static InetSocketAddress parse(String authority) throws IOException {
    int colon = authority.lastIndexOf(':');
    if (colon <= 0) {
      throw new IOException("CONNECT needs host:port");
    }
    String host = authority.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new InetSocketAddress(host, Integer.parseInt(authority.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IOException("CONNECT needs a numeric port", e);
    }
  }

  /** The request line and headers, without the blank line; empty at the end of the stream. */
  private static List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    int b;
    while ((b = in.read()) >= 0) {
      if (++total > MAX_HEAD) {
        throw new IOException("request head too long");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (text.isEmpty()) {
          return lines;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(b);
      }
    }
    return List.of();
  }

  private static String header(List<String> head, String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    for (String line : head.subList(1, head.size())) {
      if (line.toLowerCase(Locale.ROOT).startsWith(prefix)) {
        return line.substring(prefix.length()).strip();
      }
    }
    return null;
  }

  private static void answer(OutputStream out, int status, String reason, String headers) throws IOException {
    out.write(("HTTP/1.1 " + status + " " + reason + "\r\n" + headers + "Content-Length: 0\r\n\r\n")
        .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static Thread daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
