package com.acme.partoo.spring.autoconfigure.internal;

import com.acme.partoo.spring.autoconfigure.internal.InvalidPartooPropertiesException.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Applies property values to the facade's builders and collects what they refuse, reworded with property names: the
 * facade's checks stay the only checks, and its messages ("deadline must be positive, was PT-1S") name the property
 * the user wrote ("partoo.deadline must be positive, was PT-1S").
 */
final class PropertyProblems {

  /** The facade's parameter names, as its messages say them, and the property each comes from. */
  private static final Map<String, String> PROPERTY_OF = new LinkedHashMap<>();

  static {
    PROPERTY_OF.put("apiKey", "partoo.api-key");
    PROPERTY_OF.put("appBaseUrl", "partoo.app-url");
    PROPERTY_OF.put("baseUrl", "partoo.base-url");
    PROPERTY_OF.put("deadline", "partoo.deadline");
    PROPERTY_OF.put("connectTimeout", "partoo.connect-timeout");
    PROPERTY_OF.put("readTimeout", "partoo.read-timeout");
    PROPERTY_OF.put("userAgentSuffix", "partoo.user-agent-suffix");
    PROPERTY_OF.put("maxAttempts", "partoo.retry.max-attempts");
    PROPERTY_OF.put("baseDelay", "partoo.retry.base-delay");
    PROPERTY_OF.put("maxDelay", "partoo.retry.max-delay");
    PROPERTY_OF.put("retry budget capacity", "partoo.retry.budget.capacity");
    PROPERTY_OF.put("retry budget refillPerSuccess", "partoo.retry.budget.refill-per-success");
    PROPERTY_OF.put("window", "partoo.outage.window");
    PROPERTY_OF.put("minimumCalls", "partoo.outage.minimum-calls");
    PROPERTY_OF.put("failureRatePercent", "partoo.outage.failure-rate-percent");
    PROPERTY_OF.put("slowCallThreshold", "partoo.outage.slow-call-threshold");
    PROPERTY_OF.put("slowCallRatePercent", "partoo.outage.slow-call-rate-percent");
    PROPERTY_OF.put("openInterval", "partoo.outage.open-interval");
    PROPERTY_OF.put("maxOpenInterval", "partoo.outage.max-open-interval");
    PROPERTY_OF.put("probes", "partoo.outage.probes");
  }

  private static final Pattern NAMES = Pattern.compile("\\b(" + String.join("|", PROPERTY_OF.keySet()) + ")\\b");
  private static final Pattern NAMED = Pattern.compile("partoo\\.[a-z.-]*[a-z]");

  private final List<Problem> problems = new ArrayList<>();

  /** Gives {@code value} to {@code setter} unless it is null; records what the setter refuses. */
  <T> void set(String property, @Nullable T value, Consumer<T> setter) {
    if (value != null) {
      run(property, () -> setter.accept(value));
    }
  }

  /**
   * Runs {@code step}; an {@link IllegalArgumentException} or {@link IllegalStateException} it throws is recorded
   * against the property its message names first, else against {@code property}.
   */
  void run(String property, Runnable step) {
    try {
      step.run();
    } catch (IllegalArgumentException | IllegalStateException e) {
      refused(property, e);
    }
  }

  /** Records the facade's refusal {@code e} of {@code property}'s value, reworded. */
  void refused(String property, RuntimeException e) {
    String reason = reword(property, Objects.requireNonNullElse(e.getMessage(), "refused"));
    Matcher named = NAMED.matcher(reason);
    add(named.lookingAt() ? named.group() : property, reason);
  }

  /** Records a problem found here rather than by the facade; {@code reason} names the property. */
  void add(String property, String reason) {
    problems.add(new Problem(property, reason));
  }

  /** Whether a problem was recorded. */
  boolean any() {
    return !problems.isEmpty();
  }

  /** @throws InvalidPartooPropertiesException with every problem recorded, if there is one */
  void throwIfAny() {
    throwIfAny(InvalidPartooPropertiesException.Subject.CLIENT);
  }

  /** @throws InvalidPartooPropertiesException about {@code subject}, with every problem recorded, if there is one */
  void throwIfAny(InvalidPartooPropertiesException.Subject subject) {
    if (!problems.isEmpty()) {
      throw new InvalidPartooPropertiesException(subject, problems);
    }
  }

  /** The facade's message with its parameter names replaced by property names, and starting with one. */
  private static String reword(String property, String message) {
    Matcher names = NAMES.matcher(message);
    StringBuilder reworded = new StringBuilder();
    while (names.find()) {
      names.appendReplacement(reworded, Matcher.quoteReplacement(PROPERTY_OF.get(names.group(1))));
    }
    names.appendTail(reworded);
    String text = reworded.toString();
    return text.startsWith("partoo.") ? text : property + ": " + text;
  }
}
