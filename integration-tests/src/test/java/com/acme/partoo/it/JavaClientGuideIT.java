package com.acme.partoo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.DocSnippets;
import com.acme.partoo.it.support.FakeTime;
import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokenStatus;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.PartooHealth;
import com.acme.partoo.tokens.PermissionDeniedException;
import com.acme.partoo.tokens.RetryPolicy;
import com.acme.partoo.tokens.TokenState;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Java examples of docs/java-client.md, and the README's "Use it from plain Java" (the guide's first example),
 * are the code of this class, run against the fake Partoo, and compared with both files line by line. Each example
 * builds its client as shown (production, the key from the environment); the test then points that client at the
 * fake, keeping every other setting.
 */
class JavaClientGuideIT {

  private static final String TITLE = "# The client from plain Java";
  private static final String README_SECTION = "## Use it from plain Java";

  private final DocSnippets guide = DocSnippets.of("docs/java-client.md", JavaClientGuideIT.class);
  private final DocSnippets readme = guide.in("README.md");
  private final FakePartoo fake = FakePartoo.withDefaults();

  @AfterEach
  void stopFake() {
    fake.close();
  }

  /** The first example's start-up, as shown: production, the key from the environment. */
  private static PartooClient createClient() {
    // java-client: start-up
    PartooClient partoo = PartooClient.builder()        // once per service: thread-safe, share it, close it on shutdown
        .apiKey(() -> System.getenv("PARTOO_API_KEY"))  // or a secret store; read per attempt: rotation works
        .deadline(Duration.ofSeconds(3))                // bounds all attempts and waits of one call
        .build();
    // java-client: end start-up
    return partoo;
  }

  /** The first example's call, as shown: the link a user follows to log into Partoo. */
  private static URI loginUrlFor(PartooClient partoo, String userId) {
    // java-client: token
    ConnectionToken token = partoo.connectionTokens().generate(userId, Duration.ofSeconds(60));
    URI loginUrl = partoo.connectionTokens().loginUrl(token.token());  // single use: opening it logs the user in
    // java-client: end token
    return loginUrl;
  }

  /** The per-use example, as shown; returns the link the page would render, or null. */
  private static URI pageView(PartooClient partoo, String userId) {
    // java-client: page view
    URI loginUrl = null;                                // per protected page view
    try {
      ConnectionToken token = partoo.connectionTokens().generate(userId, Duration.ofMinutes(5));
      loginUrl = partoo.connectionTokens().loginUrl(token.token());  // single use: this page only
    } catch (PermissionDeniedException e) {
      // The key's user lacks WRITE access on this user: a setup problem. Render without the link and alert.
    } catch (PartooException e) {
      // Still failing after the retries the deadline allowed: render without the link, log e.requestId().
    }
    // java-client: end page view
    return loginUrl;
  }

  /** The same client pointed at the fake Partoo, with the fake's key: every other setting is the example's. */
  private PartooClient againstTheFake(PartooClient partoo) {
    return partoo.newBuilder().baseUrl(fake.baseUrl()).appBaseUrl(fake.appBaseUrl())
        .apiKey(DefaultFixture.API_KEY).build();
  }

  @Test
  void theGuideShowsExactlyTheCodeRunHere() {
    guide.assertShown(TITLE, 0, "start-up", "token");
    guide.assertShown("## One client per service", 0, "builder");
    guide.assertShown("## Generate, check, revoke", 0, "generate check revoke");
    guide.assertShown("## Asynchronous calls", 0, "async");
    guide.assertShown("## A token per use, and what to do when there is none", 0, "page view");
    assertThat(guide.javaBlocks()).as("every Java example of the guide is one of these").isEqualTo(5);
  }

  @Test
  void theReadmeShowsTheGuidesFirstExample() {
    readme.assertShown(README_SECTION, 0, "start-up", "token");
    // The README's other Java block is the Spring Boot resolver, the example service's code (ReadmeSpringBootTest).
    assertThat(readme.javaBlocks()).as("the README's Java examples").isEqualTo(2);
  }

  @Test
  void theReadmeAndTheGuideGiveTheMavenCoordinates() {
    assertThat(readme.section(README_SECTION))
        .contains("<groupId>com.acme.partoo</groupId>")
        .contains("<artifactId>partoo-facade</artifactId>")
        .contains("<version>0.1.0-SNAPSHOT</version>");
    assertThat(guide.section("## Get it"))
        .contains("<artifactId>partoo-facade</artifactId>", "<artifactId>partoo-bom</artifactId>",
            "<scope>import</scope>", "<artifactId>partoo-mock-server</artifactId>");
  }

  @Test
  void theFirstExampleBuildsAProductionClientAndGetsALoginUrl() {
    try (PartooClient production = createClient(); PartooClient partoo = againstTheFake(production)) {
      assertThat(production.toString()).contains("https://api.partoo.co/v2").doesNotContain("PARTOO_API_KEY");

      URI loginUrl = loginUrlFor(partoo, DefaultFixture.USER_ID);

      assertThat(loginUrl.toString()).startsWith(fake.appBaseUrl() + "/connection?connection_token=%5Cx");
      assertThat(fake.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
    }
  }

  @Test
  void theBuilderExampleSendsItsUserAgentAndRetriesOnce() {
    // java-client: builder
    PartooClient partoo = PartooClient.builder()
        .apiKey(() -> System.getenv("PARTOO_API_KEY"))
        .deadline(Duration.ofSeconds(3))                             // the whole call, retries included
        .retryPolicy(RetryPolicy.builder().maxAttempts(2).build())   // default: 3 attempts
        .userAgentSuffix("billing-service/4.1")                      // ends the User-Agent Partoo sees
        .build();
    // java-client: end builder
    fake.faults().serviceUnavailable(2);

    // The wait between the two attempts passes on fake time: nothing sleeps, and the deadline cannot run out.
    try (partoo; FakeTime time = new FakeTime();
        PartooClient client = againstTheFake(partoo).newBuilder().ticker(time).clock(time)
            .scheduler(time.scheduler()).build()) {
      assertThat(partoo.toString()).contains("https://api.partoo.co/v2");
      assertThat(pageView(client, DefaultFixture.USER_ID)).as("two attempts, both answered 503").isNull();
      assertThat(fake.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2);
      assertThat(time.waits()).hasSize(1);
      assertThat(fake.journal().last().flatMap(request -> request.header("User-Agent")).orElseThrow())
          .endsWith("billing-service/4.1");
    }
  }

  @Test
  void theGenerateCheckRevokeExampleEndsWithARevokedToken() {
    try (PartooClient partoo = againstTheFake(createClient())) {
      String userId = DefaultFixture.USER_ID;

      // java-client: generate check revoke
      ConnectionTokens tokens = partoo.connectionTokens();
      ConnectionToken token = tokens.generate(userId);                      // Partoo's default TTL: one day
      ConnectionTokenStatus status = tokens.check(userId, token.token());   // state() VALID until used, revoked or expired
      tokens.revoke(userId, token.token());                                 // only a VALID token can be revoked
      // java-client: end generate check revoke

      assertThat(token.ttl()).isEqualTo(ConnectionTokens.DEFAULT_TTL).isEqualTo(Duration.ofDays(1));
      assertThat(status.state()).isEqualTo(TokenState.VALID);
      assertThat(tokens.check(userId, token.token()).state()).isEqualTo(TokenState.REVOKED);
    }
  }

  @Test
  void theAsyncExampleCompletesWithALoginUrl() {
    try (PartooClient partoo = againstTheFake(createClient())) {
      String userId = DefaultFixture.USER_ID;

      // java-client: async
      CompletableFuture<URI> loginUrl = partoo.connectionTokens().generateAsync(userId, Duration.ofSeconds(60))
          .thenApply(token -> partoo.connectionTokens().loginUrl(token.token()));  // on an OkHttp thread: keep it short
      // java-client: end async

      assertThat(loginUrl.join().toString()).startsWith(fake.appBaseUrl() + "/connection?connection_token=%5Cx");
    }
  }

  @Test
  void thePageViewExampleRendersALinkForAUserTheKeyMayActOn() {
    try (PartooClient partoo = againstTheFake(createClient())) {
      URI loginUrl = pageView(partoo, DefaultFixture.USER_ID);

      assertThat(loginUrl).isNotNull();
      assertThat(loginUrl.toString()).startsWith(fake.appBaseUrl() + "/connection?connection_token=%5Cx");
    }
  }

  @Test
  void thePageViewExampleRendersWithoutALinkWhenTheKeyMayNotActOnTheUser() {
    try (PartooClient partoo = againstTheFake(createClient())) {
      assertThat(pageView(partoo, DefaultFixture.NO_ACCESS_USER_ID)).isNull();
    }
  }

  @Test
  void thePageViewExampleRendersWithoutALinkWhilePartooIsDown() {
    fake.faults().serviceUnavailable(10);
    try (PartooClient partoo = againstTheFake(createClient())) {
      assertThat(pageView(partoo, DefaultFixture.USER_ID)).isNull();
    }
  }

  @Test
  void whilePartooIsKnownDownPageViewsFailAtOnceWithoutARequest() {
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
}
