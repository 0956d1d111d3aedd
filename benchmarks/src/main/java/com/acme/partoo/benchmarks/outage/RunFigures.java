package com.acme.partoo.benchmarks.outage;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one run (one outage kind, one policy) measured, as written to {@code outage.json}. Times are seconds from the
 * outage's start unless named otherwise; a figure with nothing to measure is null.
 *
 * @param recoverySeconds after Partoo is healthy again, the start of the first one-second window in which at least
 *     99% of the page views that ended succeeded; null if none came before the fleet stopped
 * @param maxPageViewMillis the longest page view of the whole run, every phase
 * @param rateLimit for a 429 storm: what each client sent while Partoo asked it to wait
 * @param transitions every change of a client's outage protection, in order
 */
record RunFigures(
    String kind,
    String policy,
    String policyDetail,
    List<Phase> phases,
    @Nullable Double recoverySeconds,
    double maxPageViewMillis,
    @Nullable RateLimit rateLimit,
    List<Transition> transitions,
    List<Verdict> verdicts,
    StallWatch.Lost lost) {

  /**
   * Page views that ended in one phase (or part of one), and the requests the server got meanwhile.
   *
   * @param name healthy, outage, "outage from +3 s" (the part the targets judge), recovery
   * @param outcomes page views by how they ended ({@link Fleet.Outcome}), with their latencies
   */
  record Phase(
      String name,
      double fromSeconds,
      double seconds,
      int pageViews,
      double pageViewsPerSecond,
      @Nullable Double successPercent,
      @Nullable Double p50Millis,
      @Nullable Double p99Millis,
      @Nullable Double maxMillis,
      int serverRequests,
      @Nullable Double requestsPerPageView,
      Map<String, Outcome> outcomes) {}

  /** The page views of a phase that ended one way. */
  record Outcome(int pageViews, double p50Millis, double maxMillis) {}

  /**
   * During a 429 storm, per client: requests that arrived before it got its first 429, or within half a latency after
   * (sent while it could not know), then requests in each {@code Retry-After} window from then on.
   *
   * @param maxPerWindow the most requests any client sent in one window after its first 429
   * @param arrivalSeconds per client, when its first 20 requests after its first 429 arrived (from the outage's start)
   */
  record RateLimit(
      int retryAfterSeconds,
      List<Integer> beforeFirstAnswer,
      List<List<Integer>> perWindow,
      int maxPerWindow,
      List<List<Double>> arrivalSeconds) {}

  /** A client's outage protection changed state. */
  record Transition(int client, double atSeconds, String state) {}

  /** One target of the issue that applies to this run's outage kind, judged on it. */
  record Verdict(String target, @Nullable Double value, String limit, boolean met) {}
}
