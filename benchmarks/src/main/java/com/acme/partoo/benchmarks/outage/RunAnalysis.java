package com.acme.partoo.benchmarks.outage;

import com.acme.partoo.tokens.PartooHealth;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Turns one run's logs (page views, the server's requests, health changes) into {@link RunFigures}, and judges them
 * against the targets. Page views belong to the phase they ended in, requests to the phase they arrived in.
 * Pure: the same logs give the same figures, so it is unit-tested on made-up logs.
 */
final class RunAnalysis {

  /** The targets of issue 13, judged on the part of the outage from {@code judgeAfter} on. */
  static final double MAX_P99_MILLIS = 10;
  static final double MAX_REQUESTS_PER_PAGE_VIEW = 0.05;
  static final double MIN_THROUGHPUT_SHARE = 0.5;
  static final double MAX_RECOVERY_SECONDS = 5;
  static final long DEADLINE_SLACK_MILLIS = 100;
  static final double RECOVERED_SUCCESS_SHARE = 0.99;

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long RECOVERY_STEP = TimeUnit.MILLISECONDS.toNanos(100);
  private static final int MAX_ARRIVALS_LISTED = 20;

  /** What the analysis needs to know about the run besides its logs. */
  record Setup(
      OutageKind kind,
      String policy,
      String policyDetail,
      Schedule schedule,
      long stoppedAt,
      long judgeAfterNanos,
      long deadlineNanos,
      long latencyNanos,
      int clients,
      int retryAfterSeconds,
      int probes) {}

  private final Setup setup;
  private final EventLog.Events pageViews;
  private final EventLog.Events requests;

  private final long[] firstRateLimited;

  private RunAnalysis(Setup setup, EventLog.Events pageViews, EventLog.Events requests, long[] firstRateLimited) {
    this.setup = setup;
    this.pageViews = pageViews;
    this.requests = requests;
    this.firstRateLimited = firstRateLimited;
  }

  /**
   * @param pageViews sorted by end: duration as value, {@link Fleet.Outcome} as code
   * @param requests sorted by arrival: client as value, {@link OutageServer.Answer} as code
   * @param health sorted by time: client as value, {@link PartooHealth.State} as code
   * @param firstRateLimited when each client got its first 429, {@link Fleet#NEVER} if it did not
   * @param lost what the JVM itself lost during the run, reported as it is
   */
  static RunFigures analyze(Setup setup, EventLog.Events pageViews, EventLog.Events requests, EventLog.Events health,
      long[] firstRateLimited, StallWatch.Lost lost) {
    return new RunAnalysis(setup, pageViews, requests, firstRateLimited).figures(health, lost);
  }

  /**
   * The start of the first one-second window from {@code from} on, ending by {@code until}, in which at least 99% of
   * the page views that ended succeeded, in 100 ms steps; null if there is none.
   *
   * @param pageViews sorted by end
   */
  static @Nullable Long recoveredAt(EventLog.Events pageViews, long from, long until) {
    for (long t = from; t + SECOND - until <= 0; t += RECOVERY_STEP) {
      int first = firstAtOrAfter(pageViews.times(), t);
      int last = firstAtOrAfter(pageViews.times(), t + SECOND);
      int ok = 0;
      for (int i = first; i < last; i++) {
        ok += pageViews.codes()[i] == Fleet.Outcome.OK.ordinal() ? 1 : 0;
      }
      if (last > first && ok >= RECOVERED_SUCCESS_SHARE * (last - first)) {
        return t;
      }
    }
    return null;
  }

  private RunFigures figures(EventLog.Events health, StallWatch.Lost lost) {
    Schedule s = setup.schedule();
    RunFigures.Phase healthy = phase("healthy", s.start(), s.outageStart());
    RunFigures.Phase outage = phase("outage", s.outageStart(), s.outageEnd());
    RunFigures.Phase judged = phase("outage from +" + judgeAfter(),
        s.outageStart() + setup.judgeAfterNanos(), s.outageEnd());
    RunFigures.Phase recovery = phase("recovery", s.outageEnd(), setup.stoppedAt());
    Long recovered = recoveredAt(pageViews, s.outageEnd(), setup.stoppedAt());
    Double recoverySeconds = recovered == null ? null : seconds(recovered - s.outageEnd());
    double maxMillis = millis(Arrays.stream(pageViews.values()).max().orElse(0));
    RunFigures.RateLimit rateLimit = setup.kind() == OutageKind.RATE_LIMITED ? rateLimit() : null;

    List<RunFigures.Verdict> verdicts = new ArrayList<>();
    if (setup.kind() != OutageKind.RATE_LIMITED) {
      verdicts.add(atMost("page-view p99 from +" + judgeAfter() + " (ms)", judged.p99Millis(),
          MAX_P99_MILLIS));
      verdicts.add(atMost("server requests per page view from +" + judgeAfter(),
          judged.requestsPerPageView(), MAX_REQUESTS_PER_PAGE_VIEW));
      double share = outage.pageViewsPerSecond() / healthy.pageViewsPerSecond();
      verdicts.add(new RunFigures.Verdict("outage page views/s, share of healthy", round(share),
          "≥ " + plain(MIN_THROUGHPUT_SHARE), share >= MIN_THROUGHPUT_SHARE));
    } else {
      int allowed = 1 + setup.probes();
      String limit = "≤ 1 + " + setup.probes() + (setup.probes() == 1 ? " probe" : " probes");
      verdicts.add(new RunFigures.Verdict("requests per client per Retry-After window",
          (double) rateLimit.maxPerWindow(), limit, rateLimit.maxPerWindow() <= allowed));
    }
    verdicts.add(atMost("recovery to ≥ 99% successful page views (s)", recoverySeconds, MAX_RECOVERY_SECONDS));
    double maxAllowed = millis(setup.deadlineNanos()) + DEADLINE_SLACK_MILLIS;
    verdicts.add(new RunFigures.Verdict("longest page view, any phase (ms)", maxMillis, "≤ " + plain(maxAllowed),
        maxMillis <= maxAllowed));

    return new RunFigures(setup.kind().label(), setup.policy(), setup.policyDetail(),
        List.of(healthy, outage, judged, recovery), recoverySeconds, maxMillis, rateLimit, transitions(health),
        verdicts, lost);
  }

  /** Page views that ended in {@code [from, to)}, requests that arrived then. */
  private RunFigures.Phase phase(String name, long from, long to) {
    int first = firstAtOrAfter(pageViews.times(), from);
    int last = Math.max(first, firstAtOrAfter(pageViews.times(), to));
    int count = last - first;
    Map<String, RunFigures.Outcome> outcomes = new LinkedHashMap<>();
    int ok = 0;
    for (Fleet.Outcome outcome : Fleet.Outcome.values()) {
      long[] durations = durations(first, last, outcome.ordinal());
      if (durations.length > 0) {
        outcomes.put(outcome.name(), new RunFigures.Outcome(durations.length, millis(percentile(durations, 0.50)),
            millis(durations[durations.length - 1])));
      }
      ok += outcome == Fleet.Outcome.OK ? durations.length : 0;
    }
    long[] durations = durations(first, last, -1);
    int served = Math.max(0, firstAtOrAfter(requests.times(), to) - firstAtOrAfter(requests.times(), from));
    double secondsLong = Math.max(0, seconds(to - from));
    return new RunFigures.Phase(name, seconds(from - setup.schedule().outageStart()), secondsLong, count,
        secondsLong == 0 ? 0 : round(count / secondsLong),
        count == 0 ? null : round(100.0 * ok / count),
        count == 0 ? null : millis(percentile(durations, 0.50)),
        count == 0 ? null : millis(percentile(durations, 0.99)),
        count == 0 ? null : millis(durations[count - 1]),
        served,
        count == 0 ? null : round((double) served / count),
        outcomes);
  }

  /** The sorted durations of the page views in {@code [first, last)} that ended with {@code code} (-1: all). */
  private long[] durations(int first, int last, int code) {
    long[] durations = new long[last - first];
    int n = 0;
    for (int i = first; i < last; i++) {
      if (code < 0 || pageViews.codes()[i] == code) {
        durations[n++] = pageViews.values()[i];
      }
    }
    durations = Arrays.copyOf(durations, n);
    Arrays.sort(durations);
    return durations;
  }

  private RunFigures.RateLimit rateLimit() {
    Schedule s = setup.schedule();
    long window = TimeUnit.SECONDS.toNanos(setup.retryAfterSeconds());
    List<Integer> before = new ArrayList<>();
    List<List<Integer>> perWindow = new ArrayList<>();
    List<List<Double>> seen = new ArrayList<>();
    int max = 0;
    for (int client = 0; client < setup.clients(); client++) {
      List<Long> arrivals = new ArrayList<>();
      for (int i = firstAtOrAfter(requests.times(), s.outageStart()); i < requests.size(); i++) {
        if (requests.times()[i] - s.outageEnd() >= 0) {
          break;
        }
        if (requests.values()[i] == client) {
          arrivals.add(requests.times()[i]);
        }
      }
      List<Integer> counts = new ArrayList<>();
      perWindow.add(counts);
      List<Double> after = new ArrayList<>();
      seen.add(after);
      if (arrivals.isEmpty()) {
        before.add(0);
        continue;
      }
      // What arrives until the client got its first 429 was sent before it could know, and so was what arrives just
      // after it (within half a latency): requests its other threads had been let through before the pause began.
      long firstAnswer = (firstRateLimited[client] != Fleet.NEVER ? firstRateLimited[client]
          : arrivals.get(0) + setup.latencyNanos()) + setup.latencyNanos() / 2;
      int sentBlind = (int) arrivals.stream().filter(at -> at - firstAnswer <= 0).count();
      before.add(sentBlind);
      arrivals.stream().filter(at -> at - firstAnswer > 0).limit(MAX_ARRIVALS_LISTED)
          .forEach(at -> after.add(round(seconds(at - s.outageStart()))));
      for (long start = firstAnswer; start - s.outageEnd() < 0; start += window) {
        long from = start;
        int inWindow = (int) arrivals.stream().filter(at -> at - from > 0 && at - (from + window) <= 0).count();
        counts.add(inWindow);
        max = Math.max(max, inWindow);
      }
    }
    return new RunFigures.RateLimit(setup.retryAfterSeconds(), before, perWindow, max, seen);
  }

  private List<RunFigures.Transition> transitions(EventLog.Events health) {
    List<RunFigures.Transition> transitions = new ArrayList<>();
    for (int i = 0; i < health.size(); i++) {
      transitions.add(new RunFigures.Transition((int) health.values()[i],
          round(seconds(health.times()[i] - setup.schedule().outageStart())),
          PartooHealth.State.values()[health.codes()[i]].name()));
    }
    return transitions;
  }

  private String judgeAfter() {
    return plain(seconds(setup.judgeAfterNanos())) + " s";
  }

  private static RunFigures.Verdict atMost(String target, @Nullable Double value, double limit) {
    return new RunFigures.Verdict(target, value, "≤ " + plain(limit), value != null && value <= limit);
  }

  /** {@code 3} for 3.0, {@code 0.05} for 0.05. */
  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Nearest rank. */
  private static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  /** The first index whose time is at or after {@code t}, in times sorted ascending (nanoTime order). */
  private static int firstAtOrAfter(long[] times, long t) {
    int low = 0;
    int high = times.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (times[mid] - t < 0) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  private static double seconds(long nanos) {
    return round(nanos / 1e9);
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1e4) / 100.0;
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
