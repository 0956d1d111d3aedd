package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outage protection's slow-call rule, on the injected ticker: it judges how long Partoo took to answer, over a
 * full window, as {@link OutagePolicy} says. Slow successes caused by setting up connections (TCP and TLS handshakes
 * on a cold or loaded client) never count, nor does waiting for a slot.
 */
class SlowCallTest {

  private static final Duration SLOW = Duration.ofSeconds(2); // the default threshold is 1 s

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  /** Partoo answers after {@code took} of fake time. */
  private void partooTakes(Duration took) {
    partoo.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        partoo.clock.advance(took);
        return tokenResponse();
      }
    });
  }

  private static void call(PartooClient client, int times) {
    for (int i = 0; i < times; i++) {
      client.connectionTokens().generate(USER_ID);
    }
  }

  @Test
  void fiveSlowSuccessesInARowDoNotOpenIt() {
    partooTakes(SLOW);
    PartooClient client = partoo.client(b -> b);

    call(client, 5);

    assertThat(client.health().state()).isEqualTo(PartooHealth.State.CLOSED);
  }

  @Test
  void allTenCallsOfTheWindowSlowOpenIt() {
    partooTakes(SLOW);
    PartooClient client = partoo.client(b -> b);

    call(client, 9);
    assertThat(client.health().state()).as("after nine").isEqualTo(PartooHealth.State.CLOSED);
    call(client, 1);

    assertThat(client.health().state()).as("after ten").isEqualTo(PartooHealth.State.OPEN);
  }

  @Test
  void oneFastCallInTheWindowKeepsItClosedAt100Percent() {
    PartooClient client = partoo.client(b -> b);
    partooTakes(Duration.ZERO);
    call(client, 1);
    partooTakes(SLOW);

    call(client, 9);

    assertThat(client.health().state()).isEqualTo(PartooHealth.State.CLOSED);
  }

  @Test
  void aLowerShareOpensItOnceTheWindowIsFull() {
    PartooClient client = partoo.client(b -> b.outagePolicy(OutagePolicy.builder()
        .window(4, 2).slowCalls(Duration.ofSeconds(1), 50).build()));
    partooTakes(Duration.ZERO);
    call(client, 2);
    partooTakes(SLOW);

    call(client, 1);
    assertThat(client.health().state()).as("3 calls: not a full window").isEqualTo(PartooHealth.State.CLOSED);
    call(client, 1);

    assertThat(client.health().state()).as("2 slow of 4").isEqualTo(PartooHealth.State.OPEN);
  }

  /**
   * Every call opens a new connection whose set-up takes 2 s of fake time (as TCP and TLS handshakes do on a loaded
   * machine); Partoo itself answers at once. Twenty such calls, two full windows, leave it closed.
   */
  @Test
  void slowConnectionSetUpNeverOpensIt() {
    partooTakes(Duration.ZERO);
    OkHttpClient slowToConnect = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS))
        .eventListener(new EventListener() {
          @Override
          public void connectEnd(Call call, InetSocketAddress address, Proxy proxy, Protocol protocol) {
            partoo.clock.advance(SLOW);
          }
        })
        .build();
    PartooClient client = partoo.client(b -> b.okHttpClient(slowToConnect));

    call(client, 20);

    assertThat(partoo.connectionsAccepted()).as("a connection per call").isEqualTo(20);
    assertThat(client.health().state()).isEqualTo(PartooHealth.State.CLOSED);
  }
}
