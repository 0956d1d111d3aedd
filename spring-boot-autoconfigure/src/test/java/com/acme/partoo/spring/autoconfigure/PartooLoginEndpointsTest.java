package com.acme.partoo.spring.autoconfigure;

import static com.acme.partoo.spring.autoconfigure.LoginContexts.USER_HEADER;
import static com.acme.partoo.spring.autoconfigure.LoginContexts.mockMvc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartooExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.RequestBuilder;

/**
 * Every answer of the login endpoints over HTTP (MockMvc): its status and headers, what the fake Partoo received, and
 * that no token or key shows in a page, the logs or the meters. Each test checks its own requests only.
 */
@ExtendWith(OutputCaptureExtension.class)
class PartooLoginEndpointsTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Tokens seen in answers, which must show nowhere else. */
  private final List<String> tokens = new ArrayList<>();
  private final List<MeterRegistry> registries = new ArrayList<>();
  private CapturedOutput output;

  private WebApplicationContextRunner runner(String... properties) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    registries.add(registry);
    return LoginContexts.withResolver(PARTOO).withBean(MeterRegistry.class, () -> registry)
        .withPropertyValues(properties);
  }

  private MockHttpServletResponse perform(AssertableWebApplicationContext context, RequestBuilder request)
      throws Exception {
    return mockMvc(context).perform(request).andReturn().getResponse();
  }

  private static RequestBuilder login(String user) {
    return user == null ? get("/partoo/login") : get("/partoo/login").header(USER_HEADER, user);
  }

  private static RequestBuilder token(String user) {
    return user == null ? post("/partoo/connection-token")
        : post("/partoo/connection-token").header(USER_HEADER, user);
  }

  private static void noStore(MockHttpServletResponse response) {
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
  }

  /** A failure's answer: status, headers, a short page that holds nothing secret, nothing else redirected. */
  private static void failurePage(MockHttpServletResponse response, int status, String says) throws Exception {
    assertThat(response.getStatus()).isEqualTo(status);
    noStore(response);
    assertThat(response.getContentType()).startsWith("text/html");
    assertThat(response.getContentAsString()).contains(says).doesNotContain("Exception").doesNotContain("at com.")
        .doesNotContain(PARTOO.apiKey()).doesNotContain(PARTOO.userId()).doesNotContain("\\x");
    assertThat(response.getHeader("Location")).isNull();
  }

  private static double count(String endpoint, String outcome, MeterRegistry registry) {
    return registry.get("partoo.login.requests").tags("endpoint", endpoint, "outcome", outcome).timer().count();
  }

  @BeforeEach
  void captureTheLogs(CapturedOutput output) {
    this.output = output;
  }

  @AfterEach
  void nothingSecretInTheLogsOrTheMeters() {
    assertThat(output.getAll()).doesNotContain(PARTOO.apiKey());
    for (String token : tokens) {
      assertThat(output.getAll()).doesNotContain(token);
    }
    for (MeterRegistry registry : registries) {
      for (Meter meter : registry.getMeters()) {
        String id = meter.getId().toString();
        assertThat(id).doesNotContain(PARTOO.apiKey()).doesNotContain(PARTOO.userId()).doesNotContain("\\x");
      }
    }
  }

  @Test
  void theLinkMintsAShortLivedTokenAndRedirectsToPartoosLoginUrl() {
    runner().run(context -> {
      MockHttpServletResponse response = perform(context, login(PARTOO.userId()));

      assertThat(response.getStatus()).isEqualTo(303);
      noStore(response);
      URI location = URI.create(response.getHeader("Location"));
      assertThat(location.toString()).startsWith(PARTOO.appBaseUrl() + "/connection?connection_token=");
      String token = URLDecoder.decode(location.getRawQuery().substring("connection_token=".length()),
          StandardCharsets.UTF_8);
      tokens.add(token);
      assertThat(response.getContentAsString()).doesNotContain(token);
      assertThat(PARTOO.journal().requests()).singleElement().satisfies(generate -> {
        assertThat(generate.endpoint()).isEqualTo(Endpoint.GENERATE_TOKEN);
        assertThat(generate.body()).contains("\"user_id\":\"" + PARTOO.userId() + "\"").contains("\"ttl\":60");
      });
      assertThat(count("login", "redirected", context.getBean(MeterRegistry.class))).isEqualTo(1);
    });
  }

  @Test
  void theTokenEndpointAnswersTheTokenAndItsExpiryAsJson() {
    Instant before = Instant.now();
    runner().run(context -> {
      MockHttpServletResponse response = perform(context, token(PARTOO.userId()));

      assertThat(response.getStatus()).isEqualTo(200);
      noStore(response);
      assertThat(response.getContentType()).startsWith("application/json");
      JsonNode body = JSON.readTree(response.getContentAsString());
      assertThat(body.fieldNames()).toIterable().containsExactly("token", "expiration_date");
      tokens.add(body.get("token").asText());
      assertThat(Instant.parse(body.get("expiration_date").asText()))
          .isAfter(before.plusSeconds(59)).isBefore(Instant.now().plusSeconds(61));
      assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
      assertThat(count("token", "issued", context.getBean(MeterRegistry.class))).isEqualTo(1);
    });
  }

  @Test
  void nobodySignedInIs401AndNothingIsSent() {
    runner().run(context -> {
      failurePage(perform(context, login(null)), 401, "Sign in");
      MockHttpServletResponse token = perform(context, token(null));
      assertThat(token.getStatus()).isEqualTo(401);
      noStore(token);
      assertThat(JSON.readTree(token.getContentAsString()).get("error").asText()).isEqualTo("unauthenticated");

      assertThat(PARTOO.journal().total()).isZero();
      assertThat(count("login", "unauthenticated", context.getBean(MeterRegistry.class))).isEqualTo(1);
      assertThat(count("token", "unauthenticated", context.getBean(MeterRegistry.class))).isEqualTo(1);
    });
  }

  @Test
  void aUserPartooRefusesGets403ForThatUser() {
    runner().run(context -> {
      failurePage(perform(context, login(PARTOO.noAccessUserId())), 403, "Partoo does not let this service");
      assertThat(perform(context, token(PARTOO.providerUserId())).getStatus()).isEqualTo(403);

      assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2);
      assertThat(count("login", "refused", context.getBean(MeterRegistry.class))).isEqualTo(1);
      assertThat(count("token", "refused", context.getBean(MeterRegistry.class))).isEqualTo(1);
      // The operator's log says why (and so these tests do read the logs the check after each test reads).
      assertThat(output.getAll()).contains("Partoo login answered 403: Partoo refused");
    });
  }

  @Test
  void aUserPartooDoesNotKnowGets404() {
    runner().run(context -> {
      failurePage(perform(context, login("nobody-at-partoo")), 404, "Partoo knows no user");
      assertThat(JSON.readTree(perform(context, token("nobody-at-partoo")).getContentAsString()).get("error")
          .asText()).isEqualTo("not_found");

      assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2);
      assertThat(count("login", "refused", context.getBean(MeterRegistry.class))).isEqualTo(1);
    });
  }

  @Test
  void overTheUsersLimitIs429WithRetryAfterAndNothingIsSent() {
    runner("partoo.login.rate-limit=2").run(context -> {
      assertThat(perform(context, login(PARTOO.userId())).getStatus()).isEqualTo(303);
      assertThat(perform(context, token(PARTOO.userId())).getStatus()).isEqualTo(200);

      MockHttpServletResponse limited = perform(context, login(PARTOO.userId()));
      failurePage(limited, 429, "Try again in");
      // 2 a minute: the next login is at most 30 s away (one refill), and at least a second is asked for.
      assertThat(Integer.parseInt(limited.getHeader("Retry-After"))).isBetween(1, 30);
      MockHttpServletResponse limitedToken = perform(context, token(PARTOO.userId()));
      assertThat(limitedToken.getStatus()).isEqualTo(429);
      assertThat(limitedToken.getHeader("Retry-After")).isNotNull();
      // Another user has an allowance of their own.
      assertThat(perform(context, login(PARTOO.providerUserId())).getStatus()).isEqualTo(403);

      assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(3);
      assertThat(count("login", "rate_limited", context.getBean(MeterRegistry.class))).isEqualTo(1);
      assertThat(count("token", "rate_limited", context.getBean(MeterRegistry.class))).isEqualTo(1);
    });
  }

  @Test
  void partooFailingIs503WithoutRetryAfterWhenNobodyKnowsWhen() {
    runner().run(context -> {
      PARTOO.faults().serviceUnavailable(1);
      MockHttpServletResponse response = perform(context, login(PARTOO.userId()));

      failurePage(response, 503, "Partoo is unavailable");
      assertThat(response.getHeader("Retry-After")).isNull();
      assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
      assertThat(count("login", "unavailable", context.getBean(MeterRegistry.class))).isEqualTo(1);
    });
  }

  @Test
  void partooThrottlingTheKeyIs503WithItsRetryAfter() {
    runner().run(context -> {
      PARTOO.faults().tooManyRequests(1, Duration.ofSeconds(2));
      MockHttpServletResponse response = perform(context, token(PARTOO.userId()));

      assertThat(response.getStatus()).isEqualTo(503);
      noStore(response);
      assertThat(response.getHeader("Retry-After")).isEqualTo("2");
      assertThat(JSON.readTree(response.getContentAsString()).get("error").asText()).isEqualTo("unavailable");
      assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
    });
  }

  @Test
  void partooKnownDownIs503UntilTheNextProbeAndNothingIsSent() {
    // One failed call in a window of one opens the protection, for a minute at least (so that no busy machine reaches
    // the probe between the two logins): the next login fails at once.
    runner("partoo.outage.window=1", "partoo.outage.minimum-calls=1", "partoo.outage.open-interval=75s",
        "partoo.outage.max-open-interval=120s").run(context -> {
          PARTOO.faults().serviceUnavailable(1);
          assertThat(perform(context, login(PARTOO.userId())).getStatus()).isEqualTo(503);

          MockHttpServletResponse response = perform(context, login(PARTOO.userId()));
          failurePage(response, 503, "Try again in");
          // The next probe is due within the open interval, jittered by 20%: 1 to 90 s from now, on a busy machine too.
          assertThat(Integer.parseInt(response.getHeader("Retry-After"))).isBetween(1, 90);
          assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
          assertThat(count("login", "unavailable", context.getBean(MeterRegistry.class))).isEqualTo(2);
        });
  }

  @Test
  void aFailureUrlReceivesTheBrowserInsteadOfAPage() {
    runner("partoo.login.failure-url=/bookings?tab=partoo").run(context -> {
      MockHttpServletResponse refused = perform(context, login(PARTOO.noAccessUserId()));
      assertThat(refused.getStatus()).isEqualTo(303);
      noStore(refused);
      assertThat(refused.getHeader("Location")).isEqualTo("/bookings?tab=partoo&error=refused");

      PARTOO.faults().serviceUnavailable(1);
      assertThat(perform(context, login(PARTOO.userId())).getHeader("Location"))
          .isEqualTo("/bookings?tab=partoo&error=unavailable");
      // Nobody signed in is the application's to handle (its login page), not Partoo's failure.
      assertThat(perform(context, login(null)).getStatus()).isEqualTo(401);
      // The token endpoint answers a script: JSON, never a redirect.
      PARTOO.faults().serviceUnavailable(1);
      assertThat(perform(context, token(PARTOO.userId())).getStatus()).isEqualTo(503);
    });
  }
}
