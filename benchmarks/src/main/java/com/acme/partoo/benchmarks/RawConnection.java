package com.acme.partoo.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cheapest possible client of {@link CannedTokenServer}, one keep-alive socket per benchmark thread: it writes a
 * pre-encoded request shaped like OkHttp's and reads exactly the known answer's length. Measures the server and the
 * loopback alone, to show they are not what the other benchmarks measure.
 */
@State(Scope.Thread)
public class RawConnection {

  private static final byte[] REQUEST = ("POST /v2/connection/generate_token HTTP/1.1\r\n"
      + "x-APIKey: " + Clients.API_KEY + "\r\n"
      + "User-Agent: partoo-benchmarks/1 (Java " + System.getProperty("java.version") + ")\r\n"
      + "Content-Type: application/json; charset=UTF-8\r\n"
      + "Content-Length: 27\r\n"
      + "Host: 127.0.0.1\r\n"
      + "Connection: Keep-Alive\r\n"
      + "Accept-Encoding: gzip\r\n"
      + "\r\n"
      + "{\"user_id\":\"bench-user-42\"}").getBytes(StandardCharsets.US_ASCII);

  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final byte[] answer = new byte[CannedTokenServer.okLength()];

  /** Connects to the shared server. */
  @Setup(Level.Trial)
  public void connect() throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), CannedTokenServer.shared().port());
    socket.setTcpNoDelay(true);
    in = socket.getInputStream();
    out = socket.getOutputStream();
  }

  /** Closes the connection; the server's thread for it ends. */
  @TearDown(Level.Trial)
  public void close() throws IOException {
    socket.close();
  }

  /** One request and its whole answer; returns the answer's last byte. */
  int exchange() throws IOException {
    out.write(REQUEST);
    int read = 0;
    while (read < answer.length) {
      int n = in.read(answer, read, answer.length - read);
      if (n < 0) {
        throw new IOException("the server closed the connection");
      }
      read += n;
    }
    return answer[answer.length - 1];
  }

  /** The last answer read, for tests. */
  String lastAnswer() {
    return new String(answer, StandardCharsets.UTF_8);
  }
}
