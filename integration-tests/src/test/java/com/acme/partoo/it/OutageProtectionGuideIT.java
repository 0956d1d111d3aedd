package com.acme.partoo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.partoo.it.support.DocSnippets;
import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooHealth;
import com.acme.partoo.tokens.PartooUnavailableException;
import com.acme.partoo.tokens.RetryPolicy;
import com.acme.partoo.tokens.ServerException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Java example of docs/outage-protection.md is the code of this class, compared with the guide line by line, and
 * the client it builds is run against the fake Partoo: healthy, then down until the protection stops sending.
 */
class OutageProtectionGuideIT {

  private static final String TITLE = "# Outage protection: page views that never wait for a Partoo known to be down";

  private final DocSnippets guide = DocSnippets.of("docs/outage-protection.md", OutageProtectionGuideIT.class);
  private final FakePartoo fake = FakePartoo.withDefaults();

  @AfterEach
  void stopFake() {
    fake.close();
  }

  /** The example's client, and whether its health said it was sending, as the example reads it. */
  private record Shown(PartooClient partoo, PartooHealth health, boolean sending) {}

  private static Shown example() {
    // outage-protection: policy and health
    PartooClient partoo = PartooClient.builder()
        .apiKey(() -> System.getenv("PARTOO_API_KEY"))
        .outagePolicy(OutagePolicy.builder()               // the defaults suit most services: see OutagePolicy
            .openInterval(Duration.ofSeconds(2), Duration.ofSeconds(30))
            .build())
        .build();

    PartooHealth health = partoo.health();                // sends nothing: poll it as often as you like
    boolean sending = health.isAvailable();               // CLOSED (or DISABLED) and no Retry-After pause
    // outage-protection: end policy and health
    return new Shown(partoo, health, sending);
  }

  @Test
  void theGuideShowsExactlyTheCodeRunHere() {
    guide.assertShown(TITLE, 0, "policy and health");
    assertThat(guide.javaBlocks()).as("every Java example of the guide is this one").isEqualTo(1);
  }

  @Test
  void aNewClientIsSendingAndItsHealthSaysSoWithoutARequest() {
    Shown shown = example();
    try (PartooClient partoo = shown.partoo()) {
      assertThat(shown.sending()).isTrue();
      assertThat(shown.health().state()).isEqualTo(PartooHealth.State.CLOSED);
      assertThat(partoo.toString()).contains("https://api.partoo.co/v2");
    }
    assertThat(fake.journal().total()).isZero();
  }

  @Test
  void afterFiveFailuresOfTenTheClientStopsSendingUntilItsProbe() {
    fake.faults().serviceUnavailable(100);
    // The example's policy against the fake, one attempt per call, on a ticker that stands still: the open interval
    // (2 s, jittered) cannot end while the test runs, however busy the machine.
    try (PartooClient shown = example().partoo();
        PartooClient partoo = shown.newBuilder().baseUrl(fake.baseUrl()).apiKey(DefaultFixture.API_KEY)
            .retryPolicy(RetryPolicy.none()).ticker(() -> 0L).build()) {
      for (int i = 0; i < 5; i++) {
        assertThatThrownBy(() -> partoo.connectionTokens().generate(DefaultFixture.USER_ID))
            .isInstanceOf(ServerException.class);
      }

      assertThatThrownBy(() -> partoo.connectionTokens().generate(DefaultFixture.USER_ID))
          .isInstanceOf(PartooUnavailableException.class);

      assertThat(fake.journal().total()).as("requests: the five failures, nothing once Partoo is known down")
          .isEqualTo(5);
      PartooHealth health = partoo.health();
      assertThat(health.isAvailable()).isFalse();
      assertThat(health.state()).isEqualTo(PartooHealth.State.OPEN);
      assertThat(health.nextProbeAt()).isPresent();
    }
  }
}
