package com.acme.partoo.mock;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** One TCP connection to a fake, speaking HTTP/1.1 by hand: for what ordinary clients never send. */
final class RawConnection implements AutoCloseable {

  /** A response as read off the wire: status line, headers (case-insensitive names) and body. */
  record Response(String statusLine, Map<String, String> headers, String body) {

    int status() {
      return Integer.parseInt(statusLine.split(" ")[1]);
    }
  }

  private final Socket socket;
  private final InputStream in;

  RawConnection(FakePartoo fake) {
    try {
      socket = new Socket("127.0.0.1", fake.port());
      socket.setSoTimeout(10_000); // a hung test fails rather than waits forever
      in = new BufferedInputStream(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code text} as is (ISO-8859-1); write {@code \r\n} line ends yourself. */
  RawConnection send(String text) {
    try {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one response; its body by {@code Content-Length}, none for {@code HEAD} if {@code headOnly}. */
  Response read(boolean headOnly) {
    try {
      String statusLine = line();
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (String line = line(); !line.isEmpty(); line = line()) {
        int colon = line.indexOf(':');
        headers.put(line.substring(0, colon), line.substring(colon + 1).strip());
      }
      int length = headOnly ? 0 : Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
      return new Response(statusLine, headers, new String(in.readNBytes(length), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Response read() {
    return read(false);
  }

  /** Whether the next read sees the end of the stream; a reset throws. */
  boolean endOfStream() throws IOException {
    return in.read() == -1;
  }

  /** Whether the server closed the connection: the next read sees the end of the stream. */
  boolean closedByServer() {
    try {
      return in.read() == -1;
    } catch (IOException e) {
      return true; // a reset is closed too
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("the stream ended after " + line.size() + " bytes of a line");
      }
      line.write(b);
    }
    String text = line.toString(StandardCharsets.ISO_8859_1);
    return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
  }
}
