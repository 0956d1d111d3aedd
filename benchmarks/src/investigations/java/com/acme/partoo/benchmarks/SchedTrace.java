package com.acme.partoo.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who wakes whom, per call: records the kernel's {@code sched:sched_waking} and {@code sched:sched_switch} tracepoints
 * for this JVM with {@code perf record} while a loop runs, then counts, per call, the wake-ups each thread issues to
 * each other thread and the times each thread is switched out (blocking, or preempted and by whom). Needs {@code perf}
 * with tracepoint access (root, or {@code perf_event_paranoid} low enough).
 */
final class SchedTrace {

  private static final Pattern WAKING = Pattern.compile("^\\s*(\\d+)\\s+sched:sched_waking:.*? pid=(\\d+) ");
  private static final Pattern SWITCH = Pattern.compile(
      "^\\s*(\\d+)\\s+sched:sched_switch:.*? prev_pid=(\\d+) .*?prev_state=(\\S+) ==> next_comm=(.*?) next_pid=(\\d+) ");

  private SchedTrace() {}

  static Process start(Path data) throws IOException, InterruptedException {
    Files.createDirectories(data.toAbsolutePath().getParent());
    Process perf = new ProcessBuilder("perf", "record", "-q", "-e", "sched:sched_waking,sched:sched_switch",
        "-p", Long.toString(ProcessHandle.current().pid()), "-o", data.toString())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    Thread.sleep(1000); // time to attach to every thread
    return perf;
  }

  static void stop(Process perf) throws InterruptedException {
    perf.destroy(); // SIGTERM: perf writes its file and exits
    perf.waitFor();
  }

  /**
   * Prints the per-call figures; {@code threads} names this JVM's threads (by tid). Returns the key ones: wake-ups of
   * the Okio watchdog, of OkHttp's task runner, of any other thread of the JVM, all per call, and how many times per
   * call the caller was preempted by the watchdog.
   */
  static Map<String, Double> report(Path data, int calls, Map<Long, ThreadCounters.Counters> threads)
      throws IOException, InterruptedException {
    Process script = new ProcessBuilder("perf", "script", "-i", data.toString(), "-F", "tid,event,trace")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    Map<String, Long> wakings = new TreeMap<>();
    Map<String, Long> switches = new TreeMap<>();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        Matcher w = WAKING.matcher(line);
        if (w.find()) {
          String waker = name(threads, Long.parseLong(w.group(1)));
          String wakee = name(threads, Long.parseLong(w.group(2)));
          if (!waker.equals("(other)") || !wakee.equals("(other)")) {
            wakings.merge(String.format("%-26s -> %s", waker, wakee), 1L, Long::sum);
          }
          continue;
        }
        Matcher s = SWITCH.matcher(line);
        if (s.find()) {
          String prev = name(threads, Long.parseLong(s.group(2)));
          if (prev.equals("(other)")) {
            continue;
          }
          String state = s.group(3);
          boolean preempted = state.startsWith("R");
          String next = name(threads, Long.parseLong(s.group(5)));
          if (next.equals("(other)")) {
            next = s.group(4).equals("swapper/0") || s.group(4).startsWith("swapper") ? "(idle)" : "(other process)";
          }
          switches.merge(String.format("%-26s %s, next %s", prev, preempted ? "preempted" : "blocks   ", next), 1L,
              Long::sum);
        }
      }
    }
    script.waitFor();
    Map<String, Double> key = new TreeMap<>();
    for (Map.Entry<String, Long> e : wakings.entrySet()) {
      String wakee = e.getKey().substring(e.getKey().indexOf("-> ") + 3);
      double perCall = (double) e.getValue() / calls;
      if (!wakee.equals("(other)")) {
        key.merge("wakeups", perCall, Double::sum);
      }
      if (wakee.equals("Okio Watchdog")) {
        key.merge("watchdog", perCall, Double::sum);
      } else if (wakee.equals("OkHttp TaskRunner")) {
        key.merge("taskRunner", perCall, Double::sum);
      }
    }
    for (Map.Entry<String, Long> e : switches.entrySet()) {
      if (e.getKey().startsWith("probe-caller") && e.getKey().contains("preempted, next Okio Watchdog")) {
        key.merge("callerPreemptedByWatchdog", (double) e.getValue() / calls, Double::sum);
      }
    }
    System.out.println("   wake-ups per call (waker -> wakee, ≥ 0.01):");
    print(wakings, calls);
    System.out.println("   switch-outs per call (thread, why, what ran next; ≥ 0.01):");
    print(switches, calls);
    return key;
  }

  private static void print(Map<String, Long> counts, int calls) {
    for (Map.Entry<String, Long> entry : counts.entrySet()) {
      double perCall = (double) entry.getValue() / calls;
      if (perCall >= 0.01) {
        System.out.printf("     %6.3f  %s%n", perCall, entry.getKey());
      }
    }
  }

  private static String name(Map<Long, ThreadCounters.Counters> threads, long tid) {
    ThreadCounters.Counters c = threads.get(tid);
    if (c == null) {
      return "(other)";
    }
    return ThreadCounters.label(c.name());
  }
}
