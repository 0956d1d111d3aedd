package com.acme.partoo.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Linux scheduler counters of every thread of this JVM, from {@code /proc/self/task/TID/{comm,status,schedstat}}:
 * voluntary context switches (the thread blocked: a park, a futex wait, a blocking read), involuntary ones (it was
 * preempted), CPU time, time spent runnable but waiting for a CPU, and the number of times it was put on a CPU. Unlike
 * wall time, the voluntary counts do not depend on what else the machine is running: a thread that blocks once per call
 * blocks once per call on an idle or a loaded machine. Linux only; on other systems every snapshot is empty.
 */
final class ThreadCounters {

  /** One thread's counters at one moment. */
  record Counters(String name, long voluntary, long involuntary, long cpuNanos, long waitNanos, long slices) {
    Counters minus(Counters earlier) {
      return new Counters(name, voluntary - earlier.voluntary, involuntary - earlier.involuntary,
          cpuNanos - earlier.cpuNanos, waitNanos - earlier.waitNanos, slices - earlier.slices);
    }
  }

  private ThreadCounters() {}

  /** The counters of every live thread, by thread id. */
  static Map<Long, Counters> snapshot() {
    Map<Long, Counters> result = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          long voluntary = 0;
          long involuntary = 0;
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")) {
              voluntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
              involuntary = Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
            }
          }
          String[] sched = Files.readString(task.resolve("schedstat")).strip().split(" ");
          result.put(Long.parseLong(task.getFileName().toString()), new Counters(name, voluntary, involuntary,
              Long.parseLong(sched[0]), Long.parseLong(sched[1]), Long.parseLong(sched[2])));
        } catch (IOException | RuntimeException e) {
          // The thread ended while being read: it is simply not in this snapshot.
        }
      }
    } catch (IOException e) {
      return result;
    }
    return result;
  }

  /**
   * What each thread did between two snapshots, summed by name with digits dropped (all of the server's connection
   * threads are one row, all dispatcher threads another); threads that did nothing are left out. A thread started in
   * between counts from zero.
   */
  static Map<String, Counters> delta(Map<Long, Counters> before, Map<Long, Counters> after) {
    Map<String, Counters> byName = new LinkedHashMap<>();
    for (Map.Entry<Long, Counters> entry : after.entrySet()) {
      Counters now = entry.getValue();
      Counters then = before.get(entry.getKey());
      Counters d = then == null ? now : now.minus(then);
      if (d.voluntary() == 0 && d.involuntary() == 0 && d.slices() == 0) {
        continue;
      }
      String key = label(now.name());
      byName.merge(key, new Counters(key, d.voluntary(), d.involuntary(), d.cpuNanos(), d.waitNanos(), d.slices()),
          (a, b) -> new Counters(key, a.voluntary() + b.voluntary(), a.involuntary() + b.involuntary(),
              a.cpuNanos() + b.cpuNanos(), a.waitNanos() + b.waitNanos(), a.slices() + b.slices()));
    }
    return byName;
  }

  /**
   * A row name for a thread: its name with a trailing number dropped, OkHttp's threads by role. OkHttp renames its
   * threads while they work (a task runner thread takes the name of its task, a dispatcher thread the URL of its call)
   * and the kernel keeps 15 characters of a name, so the name read at one moment says little on its own.
   */
  static String label(String name) {
    if (name.startsWith("canned-token-se")) {
      return "server connection thread";
    }
    if (name.startsWith("OkHttp TaskRunn") || name.startsWith("OkHttp Connecti")) {
      return "OkHttp TaskRunner";
    }
    if (name.startsWith("OkHttp ")) {
      return "OkHttp dispatcher";
    }
    return name.replaceAll("[#]?[0-9]+$", "#n");
  }
}
