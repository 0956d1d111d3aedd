package com.acme.partoo.micrometer;

import com.acme.partoo.micrometer.internal.MeterListener;
import com.acme.partoo.tokens.PartooListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.Objects;

/**
 * Micrometer meters for a Partoo client, through its {@link PartooListener}:
 *
 * <pre>{@code
 * PartooClient partoo = PartooClient.builder().apiKey(...).listener(PartooMetrics.listener(registry)).build();
 * }</pre>
 *
 * <table>
 *   <caption>Meters (tags: {@code operation} generate, check or revoke; {@code outcome} success or failure;
 *   {@code error} a {@link com.acme.partoo.tokens.FailureKind} in lower case, or none; {@code status.class} 2xx,
 *   4xx, 5xx... or none)</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code partoo.client.calls}</td><td>timer</td><td>operation, outcome, error, status.class</td>
 *     <td>calls, waits and retries included</td></tr>
 *   <tr><td>{@code partoo.client.attempts}</td><td>timer</td><td>operation, outcome, error, status.class</td>
 *     <td>each request sent (a revoke's check is a check)</td></tr>
 *   <tr><td>{@code partoo.client.retries}</td><td>counter</td><td>operation, reason (backoff, retry_after)</td>
 *     <td>waits before another attempt</td></tr>
 *   <tr><td>{@code partoo.client.retry.budget.exhausted}</td><td>counter</td><td>operation</td>
 *     <td>times the retry budget ran out</td></tr>
 *   <tr><td>{@code partoo.client.breaker.state}</td><td>gauge</td><td>state (closed, half_open, open)</td>
 *     <td>clients listened to whose outage protection is in that state (1 or 0 with one client)</td></tr>
 * </table>
 *
 * <p>Tags are low-cardinality: never a user id, a token, a key or a URL. Give each client its own listener (the
 * gauge follows the client it listens to); meters are registered once, and the listener allocates nothing per call.
 */
public final class PartooMetrics {

  private PartooMetrics() {}

  /** A listener recording the meters above in {@code registry}; one per client. */
  public static PartooListener listener(MeterRegistry registry) {
    return listener(registry, Tags.empty());
  }

  /**
   * As {@link #listener(MeterRegistry)}, with {@code tags} added to every meter: to tell apart several clients of one
   * service (one per API key, say) on dashboards. Keep them low-cardinality.
   */
  public static PartooListener listener(MeterRegistry registry, Iterable<Tag> tags) {
    return new MeterListener(Objects.requireNonNull(registry, "registry"), Tags.of(Objects.requireNonNull(tags,
        "tags")));
  }
}
