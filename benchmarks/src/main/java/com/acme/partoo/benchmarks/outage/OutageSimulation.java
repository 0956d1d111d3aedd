package com.acme.partoo.benchmarks.outage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The fleet outage simulation of issue 13 (a measurement, not a test): a service's fleet ({@link Fleet}) doing page
 * views against a simulated Partoo ({@link OutageServer}) that is healthy, then down for a while, then healthy again;
 * once per outage kind and policy, one after the other in one JVM, so that the figures with and without the outage
 * protection come from one run. Each run's recovery phase lasts until the fleet has recovered and stayed so for a
 * while (or a cap), so a slow recovery is measured rather than cut off.
 *
 * <p>{@code OutageSimulation [--kinds hang,503,429] [--policies "disabled defaults NAME:KEY=VALUE,..."] [--clients 4]
 * [--threads 16] [--deadline 2s] [--think 10ms] [--latency 10ms] [--healthy 2s] [--outage 8s] [--judge-after 3s]
 * [--settle 1s] [--after-max 15s] [--retry-after 2] [--warmup 3s] [--out target/outage.json]}: writes every run's
 * {@link RunFigures} to {@code --out} and prints a line per run. See docs/performance.md, "Outage simulation".
 */
public final class OutageSimulation {

  private static final long CHECK_EVERY = TimeUnit.MILLISECONDS.toNanos(250);

  /** The command line, parsed; defaults are the simulation. */
  record Options(
      List<OutageKind> kinds,
      List<Policies.Named> policies,
      int clients,
      int threads,
      Duration deadline,
      Duration think,
      Duration latency,
      Duration healthy,
      Duration outage,
      Duration judgeAfter,
      Duration settle,
      Duration afterMax,
      int retryAfterSeconds,
      Duration warmup,
      Path out) {

    static Options parse(String... args) {
      Map<String, String> o = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i += 2) {
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException("options are --NAME VALUE pairs; see OutageSimulation's Javadoc");
        }
        o.put(args[i].substring(2), args[i + 1]);
      }
      Options options = new Options(
          Arrays.stream(o.getOrDefault("kinds", "hang,503,429").split(",")).map(OutageKind::of).toList(),
          Arrays.stream(o.getOrDefault("policies", "disabled defaults").trim().split("\\s+"))
              .map(Policies::parse).toList(),
          Integer.parseInt(o.getOrDefault("clients", "4")),
          Integer.parseInt(o.getOrDefault("threads", "16")),
          Policies.duration(o.getOrDefault("deadline", "2s")),
          Policies.duration(o.getOrDefault("think", "10ms")),
          Policies.duration(o.getOrDefault("latency", "10ms")),
          Policies.duration(o.getOrDefault("healthy", "2s")),
          Policies.duration(o.getOrDefault("outage", "8s")),
          Policies.duration(o.getOrDefault("judge-after", "3s")),
          Policies.duration(o.getOrDefault("settle", "1s")),
          Policies.duration(o.getOrDefault("after-max", "15s")),
          Integer.parseInt(o.getOrDefault("retry-after", "2")),
          Policies.duration(o.getOrDefault("warmup", "3s")),
          Path.of(o.getOrDefault("out", "target/outage.json")));
      List<String> known = List.of("kinds", "policies", "clients", "threads", "deadline", "think", "latency",
          "healthy", "outage", "judge-after", "settle", "after-max", "retry-after", "warmup", "out");
      o.keySet().stream().filter(name -> !known.contains(name)).findFirst().ifPresent(name -> {
        throw new IllegalArgumentException("unknown option --" + name);
      });
      return options;
    }
  }

  /** Everything one invocation measured, as written to the JSON file. */
  record Report(Map<String, Object> setup, Map<String, Object> machine, List<RunFigures> runs) {}

  private OutageSimulation() {}

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Report report = run(options);
    Files.createDirectories(options.out().toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(options.out().toFile(), report);
    System.out.println("outage simulation: wrote " + options.out());
  }

  /** Runs every outage kind with every policy, in that order, after a healthy warm-up. */
  static Report run(Options options) throws Exception {
    String loadBefore = loadAverage();
    long started = System.nanoTime();
    if (!options.warmup().isZero()) {
      warmUp(options);
    }
    List<RunFigures> runs = new ArrayList<>();
    for (OutageKind kind : options.kinds()) {
      for (Policies.Named policy : options.policies()) {
        RunFigures figures = runOnce(options, kind, policy);
        runs.add(figures);
        System.out.println(line(figures));
      }
    }
    Map<String, Object> setup = new LinkedHashMap<>();
    setup.put("clients", options.clients());
    setup.put("threadsPerClient", options.threads());
    setup.put("deadlineMillis", options.deadline().toMillis());
    setup.put("thinkMillis", options.think().toMillis());
    setup.put("latencyMillis", options.latency().toMillis());
    setup.put("healthySeconds", options.healthy().toMillis() / 1e3);
    setup.put("outageSeconds", options.outage().toMillis() / 1e3);
    setup.put("judgeAfterSeconds", options.judgeAfter().toMillis() / 1e3);
    setup.put("settleSeconds", options.settle().toMillis() / 1e3);
    setup.put("afterMaxSeconds", options.afterMax().toMillis() / 1e3);
    setup.put("retryAfterSeconds", options.retryAfterSeconds());
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("loadAverageBefore", loadBefore);
    machine.put("loadAverageAfter", loadAverage());
    machine.put("seconds", Math.round((System.nanoTime() - started) / 1e8) / 10.0);
    return new Report(setup, machine, runs);
  }

  /**
   * Each outage kind once, short and unmeasured, with a short deadline so that timeouts come often: the JIT compiles
   * the failure paths (timeouts, the breaker, pauses) as well as the healthy one before any run is measured.
   */
  private static void warmUp(Options options) throws Exception {
    Duration each = options.warmup().dividedBy(3);
    Duration deadline = Duration.ofMillis(200);
    run(options, OutageKind.HANG, Policies.parse("disabled"), deadline, each.dividedBy(3), each, false);
    run(options, OutageKind.UNAVAILABLE, Policies.parse("defaults"), deadline, each.dividedBy(3), each, false);
    run(options, OutageKind.RATE_LIMITED, Policies.parse("defaults"), deadline, each.dividedBy(3), each, false);
  }

  private static RunFigures runOnce(Options options, OutageKind kind, Policies.Named policy) throws Exception {
    return run(options, kind, policy, options.deadline(), options.healthy(), options.outage(), true);
  }

  /**
   * One fleet against one server through healthy, outage and recovery phases; measured, the recovery phase lasts
   * until the fleet has recovered (and the figures are returned), else the run ends with the outage (and gives null).
   */
  private static @Nullable RunFigures run(Options options, OutageKind kind, Policies.Named policy, Duration deadline,
      Duration healthy, Duration outage, boolean measured) throws Exception {
    try (OutageServer server = OutageServer.start(options.clients(), kind, options.latency().toNanos(),
        TimeUnit.NANOSECONDS, options.retryAfterSeconds());
        Fleet fleet = fleet(options, server, policy, deadline);
        StallWatch watch = new StallWatch()) {
      Schedule schedule = Schedule.startingNow(healthy.toNanos(), outage.toNanos());
      server.begin(schedule);
      fleet.start();
      long stop = measured ? awaitRecovery(options, schedule, fleet) : schedule.outageEnd();
      fleet.stopAt(stop);
      fleet.join();
      if (!measured) {
        return null;
      }
      RunAnalysis.Setup setup = new RunAnalysis.Setup(kind, policy.name(), policy.policy().toString(), schedule, stop,
          options.judgeAfter().toNanos(), deadline.toNanos(), options.latency().toNanos(), options.clients(),
          options.retryAfterSeconds(), policy.policy().probes());
      return RunAnalysis.analyze(setup, fleet.pageViews(), server.requests(), fleet.healthChanges(),
          fleet.firstRateLimited(), watch.lost());
    }
  }

  /**
   * Waits until the fleet has recovered (a second of ≥ 99% successful page views) and then stayed up for
   * {@code settle}, or until {@code afterMax} after the outage; returns when that was.
   */
  private static long awaitRecovery(Options options, Schedule schedule, Fleet fleet) throws InterruptedException {
    long cap = schedule.outageEnd() + options.afterMax().toNanos();
    long earliest = schedule.outageEnd() + TimeUnit.SECONDS.toNanos(1) + options.settle().toNanos();
    sleepUntil(Math.min(earliest, cap));
    while (true) {
      long now = System.nanoTime();
      if (now - cap >= 0) {
        return cap;
      }
      Long recovered = RunAnalysis.recoveredAt(fleet.pageViewsSince(schedule.outageEnd()), schedule.outageEnd(),
          now - CHECK_EVERY);
      if (recovered != null && now - (recovered + TimeUnit.SECONDS.toNanos(1) + options.settle().toNanos()) >= 0) {
        return now;
      }
      sleepUntil(Math.min(now + CHECK_EVERY, cap));
    }
  }

  private static Fleet fleet(Options options, OutageServer server, Policies.Named policy, Duration deadline) {
    List<String> urls = new ArrayList<>();
    for (int c = 0; c < options.clients(); c++) {
      urls.add(server.baseUrl(c));
    }
    return new Fleet(urls, options.threads(), deadline, options.think(), policy.policy());
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left = nanos - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private static String line(RunFigures f) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "outage %-4s %-9s", f.kind(), f.policy()));
    for (RunFigures.Phase phase : f.phases()) {
      line.append(String.format(Locale.ROOT, " | %s: %.0f/s, p99 %s ms, %s req/pv", phase.name(),
          phase.pageViewsPerSecond(), text(phase.p99Millis()), text(phase.requestsPerPageView())));
    }
    line.append(" | recovery ").append(text(f.recoverySeconds())).append(" s | max ")
        .append(text(f.maxPageViewMillis())).append(" ms | JVM stall ").append(text(f.lost().longestStallMillis()))
        .append(" ms");
    if (f.rateLimit() != null) {
      line.append(" | 429: blind ").append(f.rateLimit().beforeFirstAnswer()).append(", per window ")
          .append(f.rateLimit().perWindow());
    }
    for (RunFigures.Verdict verdict : f.verdicts()) {
      line.append(verdict.met() ? "" : " | MISSED " + verdict.target() + " = " + text(verdict.value()));
    }
    return line.toString();
  }

  private static String text(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, value < 10 ? "%.3g" : "%.0f", value);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
