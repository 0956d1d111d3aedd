package com.acme.partoo.spring.autoconfigure.internal;

import com.acme.partoo.spring.autoconfigure.PartooClientBuilderCustomizer;
import com.acme.partoo.spring.autoconfigure.PartooProperties;
import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooListener;
import com.acme.partoo.tokens.RetryPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.ssl.SslBundles;

/**
 * Builds the auto-configured client: the properties onto a {@link PartooClient.Builder} (each checked by the facade,
 * every refusal reported at once with its property's name), then the listener beans, then the customizers, in order.
 * The trust and the proxy ({@code partoo.ssl.bundle}, {@code partoo.proxy.*}) are {@link TransportProperties}'.
 */
public final class PartooClientFactory {

  private static final String API_KEY = "partoo.api-key";

  private PartooClientFactory() {}

  /**
   * @param applicationName {@code spring.application.name}: the User-Agent suffix when none is set
   * @param sslBundles the application's SSL bundles, which {@code partoo.ssl.bundle} names one of; null if it has none
   * @throws InvalidPartooPropertiesException naming every property that cannot be used, never quoting the API key or
   *     the proxy's password
   * @throws IllegalStateException if the customizers' settings exclude each other (no property is involved)
   */
  public static PartooClient create(PartooProperties properties, @Nullable String applicationName,
      @Nullable SslBundles sslBundles, List<PartooListener> listeners,
      List<PartooClientBuilderCustomizer> customizers) {
    PartooClient.Builder builder = PartooClient.builder();
    PropertyProblems problems = new PropertyProblems();
    boolean hasKey = properties.getApiKey() != null && !properties.getApiKey().isBlank();
    if (hasKey) {
      builder.apiKey(Objects.requireNonNull(properties.getApiKey()));
    }
    where(properties, builder, problems);
    problems.set("partoo.deadline", properties.getDeadline(), builder::deadline);
    problems.set("partoo.connect-timeout", properties.getConnectTimeout(), builder::connectTimeout);
    problems.set("partoo.read-timeout", properties.getReadTimeout(), builder::readTimeout);
    userAgent(properties.getUserAgentSuffix(), applicationName, builder, problems);
    problems.run("partoo.retry.base-delay", () -> builder.retryPolicy(retryPolicy(properties.getRetry(), problems)));
    problems.run("partoo.outage", () -> builder.outagePolicy(outagePolicy(properties.getOutage(), problems)));
    String transport = TransportProperties.apply(properties, sslBundles, builder, problems);
    listeners.forEach(builder::listener);
    customizers.forEach(customizer -> customizer.customize(builder));

    // Built even when a property was refused, so that the key is checked too and every problem is told at once.
    PartooClient client = null;
    try {
      client = builder.build();
    } catch (IllegalStateException e) { // a missing or unsendable key (never quoted), or settings that conflict
      if (!String.valueOf(e.getMessage()).startsWith("apiKey")) {
        if (transport == null) {
          throw e; // the customizers' own settings conflict: a defect in code, not in a property
        }
        problems.add(transport, transport + " conflicts with a PartooClientBuilderCustomizer's settings: "
            + e.getMessage());
      } else if (hasKey) {
        problems.refused(API_KEY, e);
      } else {
        problems.add(API_KEY, missingKey());
      }
    }
    if (problems.any()) {
      if (client != null) {
        client.close();
      }
      problems.throwIfAny();
    }
    return Objects.requireNonNull(client); // null only with a problem recorded
  }

  private static String missingKey() {
    return API_KEY + " is required when partoo.enabled is true: set it (the environment variable PARTOO_API_KEY"
        + " does), give a key supplier in a PartooClientBuilderCustomizer, or set partoo.enabled=false";
  }

  private static void where(PartooProperties properties, PartooClient.Builder builder, PropertyProblems problems) {
    if (properties.getEnvironment() != null && properties.getBaseUrl() != null) {
      problems.add("partoo.base-url", "partoo.environment and partoo.base-url are both set: set one of them"
          + " (base-url, with app-url, for a proxy or the fake Partoo)");
      return;
    }
    problems.set("partoo.environment", properties.getEnvironment(), builder::environment);
    problems.set("partoo.base-url", properties.getBaseUrl(), builder::baseUrl);
    problems.set("partoo.app-url", properties.getAppUrl(), builder::appBaseUrl);
  }

  private static void userAgent(@Nullable String suffix, @Nullable String applicationName,
      PartooClient.Builder builder, PropertyProblems problems) {
    if (suffix != null) {
      problems.set("partoo.user-agent-suffix", suffix, builder::userAgentSuffix);
    } else if (applicationName != null) {
      try {
        builder.userAgentSuffix(applicationName);
      } catch (IllegalArgumentException e) {
        // A name the header cannot carry: the User-Agent names the library only. Not worth failing a start-up for.
      }
    }
  }

  /** What {@code partoo.retry.*} asks for, from the facade's defaults; refusals go to {@code problems}. */
  static RetryPolicy retryPolicy(PartooProperties.Retry retry, PropertyProblems problems) {
    RetryPolicy defaults = RetryPolicy.defaults();
    RetryPolicy.Builder policy = defaults.toBuilder();
    problems.set("partoo.retry.max-attempts", retry.getMaxAttempts(), policy::maxAttempts);
    problems.set("partoo.retry.base-delay", retry.getBaseDelay(), policy::baseDelay);
    problems.set("partoo.retry.max-delay", retry.getMaxDelay(), policy::maxDelay);
    PartooProperties.Budget budget = retry.getBudget();
    if (budget.getCapacity() != null || budget.getRefillPerSuccess() != null) {
      problems.run("partoo.retry.budget", () -> policy.retryBudget(
          Objects.requireNonNullElse(budget.getCapacity(), defaults.budgetCapacity()),
          Objects.requireNonNullElse(budget.getRefillPerSuccess(), defaults.budgetRefillPerSuccess())));
    }
    return policy.build(); // refuses base-delay > max-delay
  }

  /** What {@code partoo.outage.*} asks for, from the facade's defaults; refusals go to {@code problems}. */
  static OutagePolicy outagePolicy(PartooProperties.Outage outage, PropertyProblems problems) {
    if (!outage.isEnabled()) {
      return OutagePolicy.disabled();
    }
    OutagePolicy defaults = OutagePolicy.defaults();
    OutagePolicy.Builder policy = OutagePolicy.builder();
    if (outage.getWindow() != null || outage.getMinimumCalls() != null) {
      int window = Objects.requireNonNullElse(outage.getWindow(), defaults.window());
      // A smaller window alone brings the minimum down with it: only a minimum the user wrote can be refused.
      int minimum = Objects.requireNonNullElse(outage.getMinimumCalls(), Math.min(defaults.minimumCalls(), window));
      problems.run("partoo.outage.window", () -> policy.window(window, minimum));
    }
    problems.set("partoo.outage.failure-rate-percent", outage.getFailureRatePercent(), policy::failureRatePercent);
    if (outage.getSlowCallThreshold() != null || outage.getSlowCallRatePercent() != null) {
      problems.run("partoo.outage.slow-call-threshold", () -> policy.slowCalls(
          Objects.requireNonNullElse(outage.getSlowCallThreshold(), defaults.slowCallThreshold()),
          Objects.requireNonNullElse(outage.getSlowCallRatePercent(), defaults.slowCallRatePercent())));
    }
    if (outage.getOpenInterval() != null || outage.getMaxOpenInterval() != null) {
      Duration first = Objects.requireNonNullElse(outage.getOpenInterval(), defaults.openInterval());
      // Likewise a longer first interval alone raises the maximum to it.
      Duration max = Objects.requireNonNullElse(outage.getMaxOpenInterval(), longer(first, defaults.maxOpenInterval()));
      problems.run("partoo.outage.open-interval", () -> policy.openInterval(first, max));
    }
    problems.set("partoo.outage.probes", outage.getProbes(), policy::probes);
    return policy.build();
  }

  private static Duration longer(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
