package com.acme.partoo.it;

import static com.acme.partoo.tokens.TokenState.VALID;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.DocSnippets;
import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.PartooHealth;
import com.acme.partoo.tokens.PermissionDeniedException;
import com.acme.partoo.tokens.RetryPolicy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's Java examples are the code of this class, run against the fake Partoo, and compared with the README
 * line by line: neither can drift from the other.
 */
class ReadmeExamplesIT {

  private static final String SERVICE = "## Use it from a service";
  private static final String CONSUMING = "## Consuming";

  private final DocSnippets readme = DocSnippets.readme(ReadmeExamplesIT.class);
  private FakePartoo fake;

  @BeforeEach
  void startFake() {
    fake = FakePartoo.withDefaults();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  /** The README's start-up code, as shown: production, the key from the environment. */
  private static PartooClient createClient() {
    // README: service start-up
    PartooClient partoo = PartooClient.builder()        // once per service: thread-safe, share it, close it on shutdown
        .apiKey(() -> System.getenv("PARTOO_API_KEY"))  // or a secret store; read per attempt: rotation works
        .deadline(Duration.ofSeconds(3))                // bounds all attempts and waits of one call
        .userAgentSuffix("billing-service/4.1")
        .build();
    // README: end service start-up
    return partoo;
  }

  /** The README's page-view code, as shown; returns the link the page would render, or null. */
  private static URI pageView(PartooClient partoo, String userId) {
    // README: service page view
    URI loginUrl = null;                                // per protected page view
    try {
      ConnectionToken token = partoo.connectionTokens().generate(userId, Duration.ofMinutes(5));
      loginUrl = partoo.connectionTokens().loginUrl(token.token());  // single use: this page only
    } catch (PermissionDeniedException e) {
      // The key's user lacks WRITE access on this user: a setup problem. Render without the link and alert.
    } catch (PartooException e) {
      // Still failing after the retries the deadline allowed: render without the link, log e.requestId().
    }
    // README: end service page view
    return loginUrl;
  }

  /** The same client pointed at the fake Partoo, with the fake's key: every other setting is the README's. */
  private PartooClient againstTheFake(PartooClient partoo) {
    return partoo.newBuilder().baseUrl(fake.baseUrl()).appBaseUrl(fake.appBaseUrl())
        .apiKey(DefaultFixture.API_KEY).build();
  }

  @Test
  void theReadmeShowsExactlyTheCodeRunHere() {
    readme.assertShown(SERVICE, 0, "service start-up");
    readme.assertShown(SERVICE, 1, "service page view");
    readme.assertShown(SERVICE, 2, "outage policy");
    readme.assertShown(CONSUMING, 0, "consuming");
  }

  @Test
  void theReadmeGivesTheMavenCoordinates() {
    assertThat(readme.section(SERVICE))
        .contains("<groupId>com.acme.partoo</groupId>")
        .contains("<artifactId>partoo-facade</artifactId>")
        .contains("<version>0.1.0-SNAPSHOT</version>");
  }

  @Test
  void theServiceExampleBuildsItsClientAndRendersALoginLink() {
    try (PartooClient production = createClient(); PartooClient partoo = againstTheFake(production)) {
      assertThat(production.toString()).contains("https://api.partoo.co/v2").doesNotContain("PARTOO_API_KEY");

      URI loginUrl = pageView(partoo, DefaultFixture.USER_ID);

      assertThat(loginUrl).isNotNull();
      assertThat(loginUrl.toString()).startsWith(fake.appBaseUrl() + "/connection?connection_token=%5Cx");
      assertThat(fake.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
    }
  }

  @Test
  void theServiceExampleRendersWithoutALinkWhenTheKeyMayNotActOnTheUser() {
    try (PartooClient partoo = againstTheFake(createClient())) {
      assertThat(pageView(partoo, DefaultFixture.NO_ACCESS_USER_ID)).isNull();
    }
  }

  @Test
  void theServiceExampleRendersWithoutALinkWhilePartooIsDown() {
    fake.faults().serviceUnavailable(10);
    try (PartooClient partoo = againstTheFake(createClient())) {
      assertThat(pageView(partoo, DefaultFixture.USER_ID)).isNull();
    }
  }

  @Test
  void theOutagePolicyExampleBuildsAClientWhoseHealthShowsItSending() {
    // README: outage policy
    PartooClient partoo = PartooClient.builder()
        .apiKey(() -> System.getenv("PARTOO_API_KEY"))
        .outagePolicy(OutagePolicy.builder()               // the defaults suit most services: see OutagePolicy
            .openInterval(Duration.ofSeconds(2), Duration.ofSeconds(30))
            .build())
        .build();

    PartooHealth health = partoo.health();                // sends nothing: poll it as often as you like
    boolean sending = health.isAvailable();               // CLOSED (or DISABLED) and no Retry-After pause
    // README: end outage policy

    try (partoo) {
      assertThat(sending).isTrue();
      assertThat(health.state()).isEqualTo(PartooHealth.State.CLOSED);
    }
  }

  @Test
  void whilePartooIsDownPageViewsFailAtOnceWithoutARequest() {
    fake.faults().serviceUnavailable(100);
    // Time stands still for this client, so the protection's open interval (about a second) cannot end between the
    // fifth failure and the next page view, however busy the machine.
    try (PartooClient partoo = againstTheFake(createClient()).newBuilder().retryPolicy(RetryPolicy.none())
        .ticker(() -> 0L).build()) {
      for (int i = 0; i < 5; i++) {
        assertThat(pageView(partoo, DefaultFixture.USER_ID)).isNull();
      }
      int sent = fake.journal().total();

      assertThat(pageView(partoo, DefaultFixture.USER_ID)).isNull();

      assertThat(fake.journal().total()).as("requests once Partoo is known down").isEqualTo(sent);
      assertThat(partoo.health().state()).isEqualTo(PartooHealth.State.OPEN);
    }
  }

  @Test
  void theConsumingExampleGeneratesAndChecksATokenOnTheFake() {
    // README: consuming
    try (FakePartoo partoo = FakePartoo.withDefaults();
        PartooClient client = PartooClient.builder().apiKey(DefaultFixture.API_KEY).baseUrl(partoo.baseUrl()).build()) {
      ConnectionToken token = client.connectionTokens().generate(DefaultFixture.USER_ID);
      assertThat(client.connectionTokens().check(DefaultFixture.USER_ID, token.token()).state()).isEqualTo(VALID);
    }
    // README: end consuming
  }
}
