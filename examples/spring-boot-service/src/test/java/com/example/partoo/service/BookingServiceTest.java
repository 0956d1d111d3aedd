package com.example.partoo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.partoo.mock.Endpoint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The service as it runs: real HTTP to its pages, the starter's login endpoints and actuator, signed in through its
 * form; its client against the fake Partoo on loopback (started before the context, which is pointed at it). Each login
 * makes one attempt here, so that each fault the fake is given is one failed call; the outage protection's intervals
 * are short so that recovery takes milliseconds; the per-user limit is raised, as these tests log alice in often.
 */
@Import(SentRequests.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.endpoint.health.show-details=always",
    "partoo.retry.max-attempts=1",
    "partoo.outage.open-interval=100ms",
    "partoo.outage.max-open-interval=200ms",
    "partoo.login.rate-limit=1000"})
class BookingServiceTest extends AgainstTheFakePartoo {

  private static final ObjectMapper JSON = new ObjectMapper();


  private SignedInClient alice() throws IOException, InterruptedException {
    return new SignedInClient(port).signIn("alice", "alice-password");
  }

  private JsonNode partooHealth() throws IOException, InterruptedException {
    return JSON.readTree(new SignedInClient(port).get("/actuator/health").body()).path("components").path("partoo");
  }

  @Test
  void theBookingsPageRendersWithoutAskingPartooEvenWhilePartooHangs() throws Exception {
    PARTOO.faults().delay(Duration.ofHours(1)); // a request now would wait until the fake closes
    int sentBefore = sent.count();
    SignedInClient alice = alice();

    HttpResponse<String> page = alice.get("/bookings");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Bookings of alice")
        .contains("<a id=\"open-partoo\" href=\"/partoo/login\">Open Partoo</a>");
    // The fake journals a request once it answers it: while it hangs, the client's own count shows what went out.
    assertThat(sent.count()).isEqualTo(sentBefore);
    assertThat(PARTOO.journal().total()).isZero();
    PARTOO.faults().clear();
  }

  @Test
  void theLinkMintsATokenOnTheClickAndLogsTheUserIntoPartoo() throws Exception {
    HttpResponse<String> click = alice().get("/partoo/login");

    assertThat(click.statusCode()).isEqualTo(303);
    assertThat(click.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(click.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    String loginUrl = click.headers().firstValue("Location").orElseThrow();
    assertThat(loginUrl).startsWith(PARTOO.appBaseUrl() + "/connection?connection_token=");
    assertThat(new SignedInClient(port).get(loginUrl).body()).contains("Logged in as " + PARTOO.userId());
    assertThat(PARTOO.journal().requests()).filteredOn(request -> request.endpoint() == Endpoint.GENERATE_TOKEN)
        .singleElement().satisfies(generate -> {
          assertThat(generate.body()).contains("\"ttl\":60");
          assertThat(generate.header("User-Agent")).hasValueSatisfying(
              userAgent -> assertThat(userAgent).endsWith(" booking-service"));
        });
  }

  @Test
  void theTokenEndpointAnswersWithTheCsrfTokenOnlyAndNeverPutsTheTokenInAPage() throws Exception {
    SignedInClient alice = alice();

    assertThat(alice.post("/partoo/connection-token", false).statusCode()).isEqualTo(403);
    assertThat(PARTOO.journal().total()).isZero();

    HttpResponse<String> issued = alice.post("/partoo/connection-token", true);
    assertThat(issued.statusCode()).isEqualTo(200);
    JsonNode answer = JSON.readTree(issued.body());
    assertThat(answer.path("token").asText()).isNotBlank();
    assertThat(answer.path("expiration_date").asText()).isNotBlank();
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
    assertThat(alice.get("/partoo-embedded").body()).doesNotContain(answer.path("token").asText());
  }

  @Test
  void aUserPartooRefusesGetsAPageSayingSo() throws Exception {
    HttpResponse<String> click = new SignedInClient(port).signIn("bob", "bob-password").get("/partoo/login");

    assertThat(click.statusCode()).isEqualTo(403);
    assertThat(click.body()).contains("Partoo refuses your login").doesNotContain(PARTOO.noAccessUserId());
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
  }

  @Test
  void signedOutTheLinkLeadsToTheLoginPageAndNothingIsSent() throws Exception {
    HttpResponse<String> click = new SignedInClient(port).get("/partoo/login");

    assertThat(click.statusCode()).isEqualTo(302);
    assertThat(click.headers().firstValue("Location")).hasValueSatisfying(
        location -> assertThat(location).endsWith("/login"));
    assertThat(PARTOO.journal().total()).isZero();
  }

  /** The login requests the metrics endpoint counts with {@code outcome}: none yet is 0. */
  private double logins(SignedInClient client, String outcome) throws IOException, InterruptedException {
    HttpResponse<String> logins = client.get("/actuator/metrics/partoo.login.requests?tag=endpoint:login&tag=outcome:"
        + outcome);
    if (logins.statusCode() == 404) { // a timer is registered on its first use
      return 0;
    }
    assertThat(logins.statusCode()).isEqualTo(200);
    assertThat(logins.body()).doesNotContain(PARTOO.apiKey()).doesNotContain(PARTOO.userId());
    for (JsonNode measurement : JSON.readTree(logins.body()).path("measurements")) {
      if (measurement.path("statistic").asText().equals("COUNT")) {
        return measurement.path("value").asDouble();
      }
    }
    throw new AssertionError("no COUNT in " + logins.body());
  }

  @Test
  void theMetricsEndpointCountsTheLoginsByOutcome() throws Exception {
    SignedInClient alice = alice();
    SignedInClient bob = new SignedInClient(port).signIn("bob", "bob-password");
    double redirected = logins(alice, "redirected");
    double refused = logins(alice, "refused");

    alice.get("/partoo/login");
    alice.get("/partoo/login");
    bob.get("/partoo/login");

    assertThat(logins(alice, "redirected")).isEqualTo(redirected + 2);
    assertThat(logins(alice, "refused")).isEqualTo(refused + 1);
  }

  @Test
  void healthFollowsTheOutageProtectionAndReadinessIgnoresIt() throws Exception {
    SignedInClient alice = alice();
    assertThat(partooHealth().path("status").asText()).isEqualTo("UP");

    // Partoo unavailable: 5 failed calls of the last 10 open the protection (the default policy).
    PARTOO.faults().serviceUnavailable(5);
    for (int i = 0; i < 5; i++) {
      assertThat(alice.get("/partoo/login").statusCode()).isEqualTo(503);
    }

    JsonNode open = partooHealth();
    assertThat(open.path("status").asText()).isEqualTo("OUT_OF_SERVICE");
    assertThat(open.path("details").path("state").asText()).isIn("OPEN", "HALF_OPEN");
    assertThat(open.path("details").path("lastFailure").asText()).isEqualTo("SERVER");
    SignedInClient anonymous = new SignedInClient(port);
    assertThat(anonymous.get("/actuator/health").statusCode()).isEqualTo(503);
    // Kubernetes keeps routing to the pod: a Partoo outage must not take every replica out of service at once.
    assertThat(anonymous.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    // The pages do not care: they never asked Partoo.
    assertThat(alice.get("/bookings").statusCode()).isEqualTo(200);

    // Partoo is back (no fault left): clicks probe it once the open interval is over, and it closes.
    // At most the open interval (jittered) plus a probe; the bound is a hang guard, far past it for a busy machine.
    await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
      alice.get("/partoo/login");
      assertThat(partooHealth().path("status").asText()).isEqualTo("UP");
    });
    assertThat(alice.get("/partoo/login").statusCode()).isEqualTo(303);
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isGreaterThan(5);
  }
}
