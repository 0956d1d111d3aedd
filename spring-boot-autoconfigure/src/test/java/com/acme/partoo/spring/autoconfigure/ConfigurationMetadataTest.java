package com.acme.partoo.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.RetryPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The metadata spring-boot-configuration-processor generated, which IDEs complete {@code partoo.*} keys from: every
 * key is there with a description, and the defaults the descriptions state are the facade's.
 */
class ConfigurationMetadataTest {

  private static final String[] KEYS = {
      "partoo.enabled", "partoo.api-key", "partoo.environment", "partoo.base-url", "partoo.app-url",
      "partoo.deadline", "partoo.connect-timeout", "partoo.read-timeout", "partoo.user-agent-suffix",
      "partoo.retry.max-attempts", "partoo.retry.base-delay", "partoo.retry.max-delay",
      "partoo.retry.budget.capacity", "partoo.retry.budget.refill-per-success",
      "partoo.outage.enabled", "partoo.outage.window", "partoo.outage.minimum-calls",
      "partoo.outage.failure-rate-percent", "partoo.outage.slow-call-threshold",
      "partoo.outage.slow-call-rate-percent", "partoo.outage.open-interval", "partoo.outage.max-open-interval",
      "partoo.outage.probes", "partoo.metrics.enabled", "partoo.tracing.enabled", "partoo.tracing.attempt-spans",
      "partoo.tracing.request-duration-metric", "management.health.partoo.enabled", "partoo.ssl.bundle",
      "partoo.proxy.host", "partoo.proxy.port", "partoo.proxy.username", "partoo.proxy.password",
      "partoo.login.enabled", "partoo.login.path", "partoo.login.token-path", "partoo.login.token-ttl",
      "partoo.login.rate-limit", "partoo.login.rate-limit-max-users", "partoo.login.failure-url"};

  static Map<String, JsonNode> properties() throws IOException {
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    try (InputStream json = ConfigurationMetadataTest.class.getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      for (JsonNode property : new ObjectMapper().readTree(Objects.requireNonNull(json, "metadata")).get("properties")) {
        properties.put(property.get("name").asText(), property);
      }
    }
    return properties;
  }

  @Test
  void everyKeyIsDescribed() throws IOException {
    Map<String, JsonNode> properties = properties();

    assertThat(properties.keySet()).containsExactlyInAnyOrder(KEYS);
    properties.forEach((name, property) -> assertThat(property.path("description").asText())
        .as("description of %s", name).hasSizeGreaterThan(20));
  }

  @Test
  void theDefaultsTheDescriptionsStateAreTheFacades() throws IOException {
    Map<String, JsonNode> properties = properties();
    RetryPolicy retry = RetryPolicy.defaults();
    OutagePolicy outage = OutagePolicy.defaults();
    Map<String, String> stated = Map.of(
        "partoo.retry.max-attempts", "Default " + retry.maxAttempts() + ".",
        "partoo.retry.base-delay", "Default " + retry.baseDelay().toMillis() + "ms.",
        "partoo.retry.max-delay", "Default " + retry.maxDelay().toSeconds() + "s.",
        "partoo.retry.budget.capacity", "Default " + retry.budgetCapacity() + ".",
        "partoo.retry.budget.refill-per-success", "Default " + retry.budgetRefillPerSuccess() + ".",
        "partoo.outage.window", "Default " + outage.window() + ".",
        "partoo.outage.failure-rate-percent", "Default " + outage.failureRatePercent() + ".",
        "partoo.outage.slow-call-rate-percent", "Default " + outage.slowCallRatePercent() + ".",
        "partoo.outage.probes", "Default " + outage.probes() + ".");
    stated.forEach((name, text) -> assertThat(properties.get(name).get("description").asText()).as(name)
        .contains(text));
    assertThat(properties.get("partoo.outage.minimum-calls").get("description").asText())
        .contains("Default " + outage.minimumCalls());
    assertThat(properties.get("partoo.outage.open-interval").get("description").asText())
        .contains("Default " + outage.openInterval().toSeconds() + "s.");
    assertThat(properties.get("partoo.outage.max-open-interval").get("description").asText())
        .contains("Default " + outage.maxOpenInterval().toSeconds() + "s");
    assertThat(properties.get("partoo.outage.slow-call-threshold").get("description").asText())
        .contains("Default " + outage.slowCallThreshold().toSeconds() + "s.");
  }
}
