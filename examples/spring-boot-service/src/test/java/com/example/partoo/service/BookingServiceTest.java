package com.example.partoo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartooExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.HtmlUtils;

/**
 * The service as it runs: real HTTP to its page and to actuator, its client against the fake Partoo on loopback
 * (started before the context, which is pointed at it). Each page view makes one attempt here, so that each fault the
 * fake is given is one failed call; the outage protection's intervals are short so that recovery takes milliseconds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "management.endpoint.health.show-details=always",
    "partoo.retry.max-attempts=1",
    "partoo.outage.open-interval=100ms",
    "partoo.outage.max-open-interval=200ms"})
class BookingServiceTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private static final Pattern LINK = Pattern.compile("<a id=\"partoo-login\" href=\"([^\"]+)\">");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();

  @LocalServerPort
  private int port;

  @DynamicPropertySource
  static void pointAtTheFake(DynamicPropertyRegistry registry) {
    registry.add("partoo.base-url", PARTOO::baseUrl);
    registry.add("partoo.app-url", PARTOO::appBaseUrl);
    registry.add("partoo.api-key", PARTOO::apiKey);
  }

  private HttpResponse<String> get(String path, String userId) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (userId != null) {
      request.header("X-User-Id", userId);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String page(String userId) throws IOException, InterruptedException {
    HttpResponse<String> page = get("/partoo", userId);
    assertThat(page.statusCode()).isEqualTo(200);
    return page.body();
  }

  private JsonNode partooHealth() throws IOException, InterruptedException {
    return JSON.readTree(get("/actuator/health", null).body()).path("components").path("partoo");
  }

  @Test
  void thePageLinksTheSignedInUserToPartooAndTheLinkLogsThemIn() throws Exception {
    String page = page(PARTOO.userId());

    Matcher link = LINK.matcher(page);
    assertThat(link.find()).as("a login link in %s", page).isTrue();
    URI loginUrl = URI.create(HtmlUtils.htmlUnescape(link.group(1)));
    assertThat(loginUrl.toString()).startsWith(PARTOO.appBaseUrl() + "/connection?connection_token=");
    HttpResponse<String> partoo = http.send(HttpRequest.newBuilder(loginUrl).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(partoo.body()).contains("Logged in as " + PARTOO.userId());
    assertThat(PARTOO.journal().requests()).filteredOn(request -> request.endpoint() == Endpoint.GENERATE_TOKEN)
        .singleElement().satisfies(generate -> assertThat(generate.header("User-Agent")).hasValueSatisfying(
            userAgent -> assertThat(userAgent).endsWith(" booking-service")));
  }

  @Test
  void aUserPartooRefusesGetsThePageWithoutALink() throws Exception {
    assertThat(page(PARTOO.noAccessUserId())).contains("partoo-unavailable").doesNotContain("partoo-login");
  }

  @Test
  void noSignedInUserNoPage() throws Exception {
    assertThat(get("/partoo", null).statusCode()).isEqualTo(400);
    assertThat(PARTOO.journal().total()).isZero();
  }

  /** The generate calls the metrics endpoint counts with these tags ({@code outcome:success}...): none yet is 0. */
  private double generateCalls(String... tags) throws IOException, InterruptedException {
    StringBuilder query = new StringBuilder("?tag=operation:generate");
    for (String tag : tags) {
      query.append("&tag=").append(tag);
    }
    HttpResponse<String> calls = get("/actuator/metrics/partoo.client.calls" + query, null);
    if (calls.statusCode() == 404) { // a timer is registered on its first use
      return 0;
    }
    assertThat(calls.statusCode()).isEqualTo(200);
    assertThat(calls.body()).doesNotContain(PARTOO.apiKey()).doesNotContain(PARTOO.userId());
    for (JsonNode measurement : JSON.readTree(calls.body()).path("measurements")) {
      if (measurement.path("statistic").asText().equals("COUNT")) {
        return measurement.path("value").asDouble();
      }
    }
    throw new AssertionError("no COUNT in " + calls.body());
  }

  @Test
  void theMetricsEndpointCountsTheClientsCallsByOutcome() throws Exception {
    double succeeded = generateCalls("outcome:success");
    double refused = generateCalls("outcome:failure", "error:permission");

    page(PARTOO.userId());
    page(PARTOO.userId());
    page(PARTOO.noAccessUserId());

    assertThat(generateCalls("outcome:success")).isEqualTo(succeeded + 2);
    assertThat(generateCalls("outcome:failure", "error:permission")).isEqualTo(refused + 1);
  }

  @Test
  void healthFollowsTheOutageProtectionAndReadinessIgnoresIt() throws Exception {
    assertThat(partooHealth().path("status").asText()).isEqualTo("UP");

    // Partoo unavailable: 5 failed calls of the last 10 open the protection (the default policy).
    PARTOO.faults().serviceUnavailable(5);
    for (int i = 0; i < 5; i++) {
      assertThat(page(PARTOO.userId())).contains("partoo-unavailable");
    }

    JsonNode open = partooHealth();
    assertThat(open.path("status").asText()).isEqualTo("OUT_OF_SERVICE");
    assertThat(open.path("details").path("state").asText()).isIn("OPEN", "HALF_OPEN");
    assertThat(open.path("details").path("lastFailure").asText()).isEqualTo("SERVER");
    assertThat(get("/actuator/health", null).statusCode()).isEqualTo(503);
    // Kubernetes keeps routing to the pod: a Partoo outage must not take every replica out of service at once.
    assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);

    // Partoo is back (no fault left): page views probe it once the open interval is over, and it closes.
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
      page(PARTOO.userId());
      assertThat(partooHealth().path("status").asText()).isEqualTo("UP");
    });
    assertThat(page(PARTOO.userId())).contains("partoo-login");
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isGreaterThan(5);
  }
}
