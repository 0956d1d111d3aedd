package com.acme.partoo.benchmarks.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.acme.partoo.tokens.PartooHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The figures and verdicts of a run, from made-up logs: no fleet, no server, no clock. */
class RunAnalysisTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long S = TimeUnit.SECONDS.toNanos(1);
  // Healthy 0–3 s, outage 3–11 s, recovery from 11 s; the fleet stopped at 20 s.
  private static final Schedule SCHEDULE = new Schedule(0, 3 * S, 8 * S);
  private static final long STOPPED = 20 * S;
  private static final StallWatch.Lost LOST = new StallWatch.Lost(12.5, 3, 40);

  private final Log pageViews = new Log();
  private final Log requests = new Log();
  private final Log health = new Log();

  /** Events added in any order, handed over sorted by time. */
  private static final class Log {
    private final List<EventLog.Events> events = new ArrayList<>();

    void add(long time, long value, int code) {
      events.add(new EventLog.Events(new long[] {time}, new long[] {value}, new int[] {code}));
    }

    EventLog.Events sorted() {
      return EventLog.Events.sorted(events);
    }
  }

  private RunAnalysis.Setup setup(OutageKind kind) {
    return new RunAnalysis.Setup(kind, "defaults", "OutagePolicy[...]", SCHEDULE, STOPPED, 3 * S, 2000 * MS, 10 * MS,
        2, 2, 2);
  }

  private RunFigures analyze(OutageKind kind, long... firstRateLimited) {
    long[] first = firstRateLimited.length > 0 ? firstRateLimited : new long[] {Fleet.NEVER, Fleet.NEVER};
    return RunAnalysis.analyze(setup(kind), pageViews.sorted(), requests.sorted(), health.sorted(), first, LOST);
  }

  /** Page views every {@code every} from {@code from} to {@code to}, each ending so after {@code millis}. */
  private void pageViews(long from, long to, long every, long millis, Fleet.Outcome outcome) {
    for (long end = from; end < to; end += every) {
      pageViews.add(end, millis * MS, outcome.ordinal());
    }
  }

  private void requests(long from, long to, long every, int client) {
    for (long at = from; at < to; at += every) {
      requests.add(at, client, OutageServer.Answer.OK.ordinal());
    }
  }

  private static RunFigures.Phase phase(RunFigures figures, String name) {
    return figures.phases().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  private static RunFigures.Verdict verdict(RunFigures figures, String startOfTarget) {
    return figures.verdicts().stream().filter(v -> v.target().startsWith(startOfTarget)).findFirst().orElseThrow();
  }

  @Test
  void pageViewsBelongToThePhaseTheyEndedInAndRequestsToTheOneTheyArrivedIn() {
    pageViews(0, 3 * S, 10 * MS, 10, Fleet.Outcome.OK); // 300 in 3 s
    pageViews(3 * S, 11 * S, 10 * MS, 0, Fleet.Outcome.REFUSED); // 800 in 8 s
    pageViews(11 * S, 20 * S, 10 * MS, 10, Fleet.Outcome.OK);
    requests(0, 3 * S, 10 * MS, 0);
    requests(3 * S, 11 * S, 1 * S, 1); // probes: 8

    RunFigures figures = analyze(OutageKind.UNAVAILABLE);

    RunFigures.Phase healthy = phase(figures, "healthy");
    assertThat(healthy.pageViews()).isEqualTo(300);
    assertThat(healthy.pageViewsPerSecond()).isEqualTo(100);
    assertThat(healthy.successPercent()).isEqualTo(100);
    assertThat(healthy.requestsPerPageView()).isEqualTo(1);
    RunFigures.Phase outage = phase(figures, "outage");
    assertThat(outage.pageViews()).isEqualTo(800);
    assertThat(outage.serverRequests()).isEqualTo(8);
    assertThat(outage.requestsPerPageView()).isEqualTo(0.01);
    assertThat(outage.outcomes()).containsOnlyKeys("REFUSED");
    assertThat(outage.fromSeconds()).isZero();
    RunFigures.Phase judged = phase(figures, "outage from +3 s");
    assertThat(judged.fromSeconds()).isEqualTo(3);
    assertThat(judged.seconds()).isEqualTo(5);
    assertThat(judged.pageViews()).isEqualTo(500);
    assertThat(phase(figures, "recovery").seconds()).isEqualTo(9);
    assertThat(figures.lost()).as("the JVM's stalls, as measured").isEqualTo(LOST);
  }

  @Test
  void percentilesAreNearestRankAndTheMaxIsTheLongestPageViewOfTheRun() {
    for (int i = 1; i <= 100; i++) {
      pageViews.add(3 * S + i * MS, i * MS, Fleet.Outcome.OK.ordinal());
    }
    pageViews.add(12 * S, 2050 * MS, Fleet.Outcome.NO_ANSWER.ordinal());

    RunFigures figures = analyze(OutageKind.HANG);

    RunFigures.Phase outage = phase(figures, "outage");
    assertThat(outage.p50Millis()).isEqualTo(50);
    assertThat(outage.p99Millis()).isEqualTo(99);
    assertThat(outage.maxMillis()).isEqualTo(100);
    assertThat(outage.outcomes().get("OK")).isEqualTo(new RunFigures.Outcome(100, 50, 100));
    assertThat(figures.maxPageViewMillis()).isEqualTo(2050);
    assertThat(verdict(figures, "longest page view").met()).isTrue();
  }

  @Test
  void recoveryIsTheStartOfTheFirstSecondWithAtLeast99PercentSuccess() {
    pageViews(11 * S, 13 * S, 10 * MS, 0, Fleet.Outcome.REFUSED);
    // From 13 s, 100 page views a second; until 15 s every 50th fails (13.0, 13.5, 14.0, 14.5 s), then none does.
    pageViews(13 * S, 20 * S, 10 * MS, 10, Fleet.Outcome.OK);
    for (long end = 13 * S; end < 15 * S; end += 500 * MS) {
      pageViews.add(end, 10 * MS, Fleet.Outcome.SERVER.ordinal());
    }

    RunFigures figures = analyze(OutageKind.UNAVAILABLE);

    // [14.0 s, 15.0 s) has two failures in 102; [14.1 s, 15.1 s) has one in 101: recovered 3.1 s after the outage.
    assertThat(figures.recoverySeconds()).isEqualTo(3.1);
    assertThat(verdict(figures, "recovery").met()).isTrue();
    assertThat(RunAnalysis.recoveredAt(pageViews.sorted(), 11 * S, 15 * S)).as("no full second of it yet").isNull();
  }

  @Test
  void noRecoveryBeforeTheFleetStoppedIsReportedAsMissed() {
    pageViews(11 * S, 20 * S, 10 * MS, 0, Fleet.Outcome.REFUSED);

    RunFigures figures = analyze(OutageKind.HANG);

    assertThat(figures.recoverySeconds()).isNull();
    assertThat(verdict(figures, "recovery").met()).isFalse();
  }

  @Test
  void hangAnd503AreJudgedFromThreeSecondsIntoTheOutage() {
    pageViews(0, 3 * S, 10 * MS, 10, Fleet.Outcome.OK);
    // Slow and sending until +3 s, fast and quiet after: only the part from +3 s is judged.
    pageViews(3 * S, 6 * S, 100 * MS, 2000, Fleet.Outcome.NO_ANSWER);
    requests(3 * S, 6 * S, 100 * MS, 0);
    pageViews(6 * S, 11 * S, 10 * MS, 0, Fleet.Outcome.REFUSED);

    RunFigures figures = analyze(OutageKind.HANG);

    assertThat(verdict(figures, "page-view p99 from +3 s").met()).isTrue();
    assertThat(verdict(figures, "server requests per page view from +3 s").value()).isZero();
    RunFigures.Verdict throughput = verdict(figures, "outage page views/s");
    assertThat(throughput.value()).isCloseTo((30 + 500) / 8.0 / 100, within(0.001));
    assertThat(throughput.met()).isTrue();
    assertThat(figures.rateLimit()).isNull();
  }

  @Test
  void a429StormCountsEachClientsRequestsPerRetryAfterWindowFromItsFirst429() {
    long first429 = 3 * S + 12 * MS;
    // Client 0: three requests before its first 429 reached it and one on its way then (within half the 10 ms
    // latency), then nothing for a window, two in the next (one with a probe), one in the third.
    requests(3 * S, 3 * S + 12 * MS, 5 * MS, 0);
    requests.add(first429 + 4 * MS, 0, OutageServer.Answer.RATE_LIMITED.ordinal());
    long windows = first429 + 5 * MS;
    requests.add(windows + 2 * S + 1 * MS, 0, OutageServer.Answer.RATE_LIMITED.ordinal());
    requests.add(windows + 2 * S + 2 * MS, 0, OutageServer.Answer.RATE_LIMITED.ordinal());
    requests.add(windows + 4 * S + 1 * MS, 0, OutageServer.Answer.RATE_LIMITED.ordinal());
    // Client 1: never answered 429 (its answer time is then its first request's arrival plus the latency).
    requests.add(3 * S, 1, OutageServer.Answer.RATE_LIMITED.ordinal());

    RunFigures figures = analyze(OutageKind.RATE_LIMITED, first429, Fleet.NEVER);

    RunFigures.RateLimit limit = figures.rateLimit();
    assertThat(limit.beforeFirstAnswer()).containsExactly(4, 1);
    assertThat(limit.perWindow().get(0)).containsExactly(0, 2, 1, 0);
    assertThat(limit.arrivalSeconds().get(0)).containsExactly(2.018, 2.019, 4.018);
    assertThat(limit.maxPerWindow()).isEqualTo(2);
    RunFigures.Verdict verdict = verdict(figures, "requests per client per Retry-After window");
    assertThat(verdict.limit()).isEqualTo("≤ 1 + 2 probes");
    assertThat(verdict.met()).isTrue();
    assertThat(figures.verdicts()).noneMatch(v -> v.target().startsWith("page-view p99"));
  }

  @Test
  void healthChangesAreListedInOrderFromTheOutagesStart() {
    health.add(SCHEDULE.outageStart() + 3 * S, 0, PartooHealth.State.HALF_OPEN.ordinal());
    health.add(SCHEDULE.outageStart() + 2 * S, 1, PartooHealth.State.OPEN.ordinal());

    RunFigures figures = analyze(OutageKind.HANG);

    assertThat(figures.transitions()).containsExactly(new RunFigures.Transition(1, 2, "OPEN"),
        new RunFigures.Transition(0, 3, "HALF_OPEN"));
  }
}
