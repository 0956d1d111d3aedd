package com.acme.partoo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One invocation of each benchmark method, no timing: what the benchmarks measure must be a real, parsed token. */
class BenchmarksReturnTokensTest {

  private final Clients clients = new Clients();
  private final RawConnection connection = new RawConnection();
  private final ObservedClients observed = new ObservedClients();

  @BeforeEach
  void setUp() throws Exception {
    clients.setUp();
    observed.setUp();
    connection.connect();
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.tearDown();
    observed.tearDown();
    connection.close();
  }

  @Test
  void everyBenchmarkOfBothThreadCountsReturnsTheServersToken() throws Exception {
    for (TokenBenchmarks benchmarks : new TokenBenchmarks[] {new OneThread(), new SixteenThreads()}) {
      assertIsTheServersToken(benchmarks.rawOkHttp(clients));
      assertIsTheServersToken(benchmarks.generatedRetrofit(clients));
      assertIsTheServersToken(benchmarks.facadeSync(clients));
      assertIsTheServersToken(benchmarks.facadeAsync(clients));
      assertThat(benchmarks.serverAlone(connection)).isEqualTo('}');
      assertThat(connection.lastAnswer()).endsWith(CannedTokenServer.BODY);
    }
  }

  @Test
  void theObservedFacadesReturnTheServersToken() {
    ObservedOneThread benchmarks = new ObservedOneThread();
    assertIsTheServersToken(benchmarks.facadeMicrometer(observed));
    assertIsTheServersToken(benchmarks.facadeOpenTelemetry(observed));
  }

  private static void assertIsTheServersToken(ConnectionToken token) {
    assertThat(token.token()).isEqualTo(CannedTokenServer.TOKEN);
    assertThat(token.expiresAt()).isEqualTo(OffsetDateTime.parse(CannedTokenServer.EXPIRATION_DATE).toInstant());
    assertThat(token.ttl()).isEqualTo(ConnectionTokens.DEFAULT_TTL);
  }
}
