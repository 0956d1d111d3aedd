package com.acme.partoo.benchmarks.outage;

import com.acme.partoo.tokens.OutagePolicy;
import java.time.Duration;

/**
 * Outage policies named on the command line: {@code disabled}, {@code defaults}, or a variant of the defaults such as
 * {@code short-cap:open=1s/2s,probes=1} (keys: {@code window=CALLS/MINIMUM}, {@code failureRate=PERCENT},
 * {@code slow=DURATION/PERCENT}, {@code open=FIRST/MAX}, {@code probes=N}), so that candidate defaults are measured
 * in the same run as the current ones.
 */
final class Policies {

  private Policies() {}

  /** A policy and the name it is reported under. */
  record Named(String name, OutagePolicy policy) {}

  static Named parse(String spec) {
    if (spec.equals("disabled")) {
      return new Named(spec, OutagePolicy.disabled());
    }
    if (spec.equals("defaults")) {
      return new Named(spec, OutagePolicy.defaults());
    }
    int colon = spec.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("a policy is disabled, defaults or NAME:KEY=VALUE,..., not " + spec);
    }
    OutagePolicy defaults = OutagePolicy.defaults();
    int window = defaults.window();
    int minimum = defaults.minimumCalls();
    Duration slow = defaults.slowCallThreshold();
    int slowRate = defaults.slowCallRatePercent();
    Duration open = defaults.openInterval();
    Duration maxOpen = defaults.maxOpenInterval();
    OutagePolicy.Builder builder = OutagePolicy.builder();
    for (String setting : spec.substring(colon + 1).split(",")) {
      String[] kv = setting.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("a policy setting is KEY=VALUE, not " + setting + " in " + spec);
      }
      String[] pair = kv[1].split("/", 2);
      switch (kv[0]) {
        case "window" -> {
          window = Integer.parseInt(pair[0]);
          minimum = Integer.parseInt(pair[1]);
        }
        case "failureRate" -> builder.failureRatePercent(Integer.parseInt(pair[0]));
        case "slow" -> {
          slow = duration(pair[0]);
          slowRate = Integer.parseInt(pair[1]);
        }
        case "open" -> {
          open = duration(pair[0]);
          maxOpen = duration(pair[1]);
        }
        case "probes" -> builder.probes(Integer.parseInt(pair[0]));
        default -> throw new IllegalArgumentException("unknown policy setting " + setting + " in " + spec);
      }
    }
    return new Named(spec.substring(0, colon),
        builder.window(window, minimum).slowCalls(slow, slowRate).openInterval(open, maxOpen).build());
  }

  /** {@code 250ms}, {@code 2s}, {@code 1.5s}. */
  static Duration duration(String text) {
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    if (text.endsWith("s")) {
      return Duration.ofMillis(Math.round(Double.parseDouble(text.substring(0, text.length() - 1)) * 1000));
    }
    throw new IllegalArgumentException("a duration is like 250ms or 2s, not " + text);
  }
}
