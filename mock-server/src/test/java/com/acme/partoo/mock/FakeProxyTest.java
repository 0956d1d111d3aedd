package com.acme.partoo.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The fake egress proxy, spoken to by hand: tunnels, credentials, refusals, what it counts. */
class FakeProxyTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private final FakeProxy proxy = FakeProxy.start();

  @AfterEach
  void close() {
    proxy.close();
  }

  private String partooAuthority() {
    return "127.0.0.1:" + PARTOO.fake().port();
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code head} on a new connection to the proxy; returns the connection, with the answer's status line read. */
  private Conversation connect(String head) throws IOException {
    Conversation conversation = new Conversation(proxy.address());
    conversation.send(head);
    return conversation;
  }

  @Test
  void aConnectOpensATunnelToTheNamedAddress() throws IOException {
    try (Conversation c = connect("CONNECT " + partooAuthority() + " HTTP/1.1\r\nHost: " + partooAuthority()
        + "\r\n\r\n")) {
      assertThat(c.readHead()).startsWith("HTTP/1.1 200");

      c.send("GET /v2/nowhere HTTP/1.1\r\nHost: fake\r\nConnection: close\r\n\r\n");

      assertThat(c.readHead()).as("Partoo's answer, through the tunnel").startsWith("HTTP/1.1 404");
    }
    assertThat(proxy.tunnels()).isEqualTo(1);
    assertThat(proxy.requestedAuthorities()).containsExactly(partooAuthority());
  }

  @Test
  void requiredCredentialsAreCheckedAndCanBeRotated() throws IOException {
    proxy.requireCredentials("svc", "one");
    String connect = "CONNECT " + partooAuthority() + " HTTP/1.1\r\n";

    try (Conversation c = connect(connect + "\r\n")) {
      assertThat(c.readHead()).startsWith("HTTP/1.1 407").contains("Proxy-Authenticate: Basic realm=\"fake-proxy\"");
      c.send(connect + "Proxy-Authorization: " + basic("svc", "one") + "\r\n\r\n");
      assertThat(c.readHead()).as("again on the same connection, with credentials").startsWith("HTTP/1.1 200");
    }
    proxy.requireCredentials("svc", "two");
    try (Conversation c = connect(connect + "Proxy-Authorization: " + basic("svc", "one") + "\r\n\r\n")) {
      assertThat(c.readHead()).as("the old password, after the rotation").startsWith("HTTP/1.1 407");
    }
    assertThat(proxy.connectRequests()).isEqualTo(3);
    assertThat(proxy.connectRequestsWithCredentials()).isEqualTo(2);
    assertThat(proxy.tunnels()).isEqualTo(1);
  }

  @Test
  void aRefusalAnswersEveryConnect() throws IOException {
    proxy.refuseWith(403);

    try (Conversation c = connect("CONNECT " + partooAuthority() + " HTTP/1.1\r\n\r\n")) {
      assertThat(c.readHead()).startsWith("HTTP/1.1 403");
    }
    assertThat(proxy.tunnels()).isZero();
    assertThatIllegalArgumentException().isThrownBy(() -> proxy.refuseWith(302)).withMessageContaining("status");
  }

  @Test
  void tunnelsCanLeadToOneAddressWhateverTheyAskFor() throws IOException {
    proxy.tunnelTo(new InetSocketAddress("127.0.0.1", PARTOO.fake().port()));

    try (Conversation c = connect("CONNECT partoo.test:443 HTTP/1.1\r\n\r\n")) {
      assertThat(c.readHead()).startsWith("HTTP/1.1 200");
      c.send("GET /v2/nowhere HTTP/1.1\r\nHost: partoo.test\r\nConnection: close\r\n\r\n");
      assertThat(c.readHead()).startsWith("HTTP/1.1 404");
    }
  }

  @Test
  void onlyConnectIsServed() throws IOException {
    try (Conversation c = connect("GET http://" + partooAuthority() + "/v2/nowhere HTTP/1.1\r\n\r\n")) {
      assertThat(c.readHead()).startsWith("HTTP/1.1 501");
    }
  }

  @Test
  void itsStringShowsWhereItListensAndNoCredential() {
    proxy.requireCredentials("svc", "s3cret-password");

    assertThat(proxy.toString()).isEqualTo("FakeProxy[127.0.0.1:" + proxy.address().getPort() + "]");
    assertThat(proxy.proxy().address()).isEqualTo(proxy.address());
  }

  /** One client connection to the proxy. */
  private static final class Conversation implements AutoCloseable {
    private final Socket socket = new Socket();
    private final InputStream in;
    private final OutputStream out;

    Conversation(InetSocketAddress to) throws IOException {
      socket.connect(to, 5_000);
      socket.setSoTimeout(10_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    /** The status line and headers of the next answer (its body, if any, is left unread). */
    String readHead() throws IOException {
      StringBuilder head = new StringBuilder();
      int b;
      while ((b = in.read()) >= 0) {
        head.append((char) b);
        if (head.toString().endsWith("\r\n\r\n")) {
          break;
        }
      }
      String text = head.toString();
      int length = contentLength(text);
      in.readNBytes(length);
      return text;
    }

    private static int contentLength(String head) {
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
          return Integer.parseInt(line.substring("content-length:".length()).strip());
        }
      }
      return 0;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
