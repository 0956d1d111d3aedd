package com.acme.partoo.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** Every connection the fake accepts sends small writes at once: no Nagle delay waiting for an ACK. */
class NoDelayServerSocketsTest {

  @Test
  void acceptedSocketsHaveTcpNoDelay() throws IOException {
    try (ServerSocket listener = new NoDelayServerSockets().createServerSocket()) {
      listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
          Socket accepted = listener.accept()) {
        assertThat(accepted.getTcpNoDelay()).isTrue();
        assertThat(client.getTcpNoDelay()).isFalse(); // the fake's sockets only: the client's are its own business
      }
    }
  }

  @Test
  void theOtherFactoryMethodsBindAsAsked() throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket listener = new NoDelayServerSockets().createServerSocket(0, 5, loopback)) {
      assertThat(listener.getInetAddress()).isEqualTo(loopback);
      assertThat(listener.getLocalPort()).isPositive();
    }
  }
}
