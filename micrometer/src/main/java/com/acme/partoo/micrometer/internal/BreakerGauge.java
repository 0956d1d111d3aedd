package com.acme.partoo.micrometer.internal;

import com.acme.partoo.tokens.PartooHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code partoo.client.breaker.state}: per state, how many of the clients listened to on one registry (with the same
 * tags) are in it. A registry keeps the first gauge registered under a name and tags and ignores later ones, so a gauge
 * per listener would silently show only the first client, and go on showing it after it is gone. Instead one gauge per
 * state counts the live listeners: each holds its state, and is counted while its client (which holds the listener)
 * is alive. A client starts closed; its listener hears every change after that.
 */
final class BreakerGauge {
  private static final List<PartooHealth.State> SHOWN =
      List.of(PartooHealth.State.CLOSED, PartooHealth.State.HALF_OPEN, PartooHealth.State.OPEN);
  // Weak keys: a registry that is dropped takes its members with it. Guarded by itself.
  private static final Map<MeterRegistry, Map<Tags, BreakerGauge>> GAUGES = new WeakHashMap<>();

  private final List<WeakReference<AtomicReference<PartooHealth.State>>> members = new CopyOnWriteArrayList<>();

  private BreakerGauge() {}

  /** A new member of the gauge of {@code registry} and {@code tags}, in state closed; registers the gauge if needed. */
  static AtomicReference<PartooHealth.State> join(MeterRegistry registry, Tags tags) {
    AtomicReference<PartooHealth.State> state = new AtomicReference<>(PartooHealth.State.CLOSED);
    BreakerGauge gauge;
    synchronized (GAUGES) {
      Map<Tags, BreakerGauge> byTags = GAUGES.computeIfAbsent(registry, r -> new HashMap<>());
      gauge = byTags.get(tags);
      if (gauge == null) {
        gauge = new BreakerGauge();
        byTags.put(tags, gauge);
        for (PartooHealth.State shown : SHOWN) {
          Gauge.builder(MeterNames.BREAKER_STATE, gauge, g -> g.count(shown))
              .description("Partoo clients whose outage protection is in this state")
              .tags(tags)
              .tag(MeterNames.STATE, TagValues.state(shown))
              .register(registry);
        }
      }
    }
    gauge.members.add(new WeakReference<>(state));
    return state;
  }

  private double count(PartooHealth.State wanted) {
    members.removeIf(member -> member.get() == null);
    int count = 0;
    for (WeakReference<AtomicReference<PartooHealth.State>> member : members) {
      AtomicReference<PartooHealth.State> state = member.get();
      if (state != null && state.get() == wanted) {
        count++;
      }
    }
    return count;
  }
}
