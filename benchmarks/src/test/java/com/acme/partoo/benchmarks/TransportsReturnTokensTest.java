package com.acme.partoo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.benchmarks.ConnectionCounts.Snapshot;
import com.acme.partoo.benchmarks.peers.FeignPeer;
import com.acme.partoo.benchmarks.peers.JdkHttpClientPeer;
import com.acme.partoo.benchmarks.peers.Peer;
import com.acme.partoo.benchmarks.peers.SpringRestClientPeer;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every client of the transport runs, over every transport, returns the server's token and instant (the peers do the
 * facade's job), opens one connection (and one TLS handshake) for its first call and none for its second, and
 * negotiates what docs/performance.md says it does. No timing.
 */
class TransportsReturnTokensTest {

  @ParameterizedTest
  @EnumSource(Transport.class)
  void everyClientReturnsTheTokenOverOneConnectionAndNegotiatesWhatTheDocsSay(Transport transport) throws Exception {
    try (TokenServer server = transport.startServer()) {
      Transport.Endpoint endpoint = transport.endpoint(server);
      Clients clients = new Clients(endpoint);
      clients.setUp();
      Map<String, Peer> peers = new LinkedHashMap<>();
      peers.put("jdkHttpClient", new JdkHttpClientPeer(endpoint));
      peers.put("springRestClient", new SpringRestClientPeer(endpoint));
      peers.put("openFeign", new FeignPeer(endpoint));
      Map<String, Callable<ConnectionToken>> all = new LinkedHashMap<>();
      all.put("rawOkHttp", clients::rawOkHttp);
      all.put("facadeSync", clients::facadeSync);
      peers.forEach((name, peer) -> all.put(name, peer::generate));
      try {
        assertThat(all.keySet()).containsExactlyElementsOf(TransportRuns.CLIENTS);
        for (Map.Entry<String, Callable<ConnectionToken>> client : all.entrySet()) {
          Snapshot before = server.counts().snapshot();
          assertIsTheServersToken(client.getValue().call());
          Snapshot first = server.counts().snapshot().minus(before);
          assertIsTheServersToken(client.getValue().call());
          Snapshot second = server.counts().snapshot().minus(before).minus(first);

          String who = transport.id() + "/" + client.getKey();
          assertThat(first.connections()).as(who).isEqualTo(1);
          assertThat(first.handshakes()).as(who).isEqualTo(transport == Transport.CLEARTEXT_H1 ? 0 : 1);
          assertThat(first.negotiated()).as(who).containsOnlyKeys(negotiated(transport, client.getKey()));
          assertThat(second).as(who + ", second call").isEqualTo(Snapshot.NONE);
        }
      } finally {
        clients.tearDown();
        peers.values().forEach(Peer::close);
      }
    }
  }

  /**
   * What each client negotiates: HTTP/1.1 in cleartext (the JDK client's {@code h2c} upgrade offer goes unanswered);
   * over TLS, what the server selects by ALPN from what the client offers, except Feign's HttpURLConnection, which
   * offers no ALPN and so gets HTTP/1.1 from Jetty too.
   */
  private static String negotiated(Transport transport, String client) {
    if (transport == Transport.CLEARTEXT_H1) {
      return "cleartext http/1.1";
    }
    if (client.equals("openFeign")) {
      return "TLSv1.3 http/1.1 (no ALPN)";
    }
    return transport == Transport.TLS_H2 ? "TLSv1.3 h2" : "TLSv1.3 http/1.1";
  }

  private static void assertIsTheServersToken(ConnectionToken token) {
    assertThat(token.token()).isEqualTo(CannedTokenServer.TOKEN);
    assertThat(token.expiresAt()).isEqualTo(OffsetDateTime.parse(CannedTokenServer.EXPIRATION_DATE).toInstant());
    assertThat(token.ttl()).isEqualTo(ConnectionTokens.DEFAULT_TTL);
  }
}
