package com.acme.partoo.benchmarks;

import com.acme.partoo.tokens.ConnectionToken;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code facadeSync} with each observability listener, on one thread, in the JMH run (for {@code -prof gc}'s
 * allocation per call, compared with {@code OneThread.facadeSync}); their time against the bare facade is measured
 * paired, by {@link Interleaved}. Same run counts as {@link TokenBenchmarks}.
 */
@Threads(1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ObservedOneThread {

  /** With {@code PartooMetrics.listener(registry)}. */
  @Benchmark
  public ConnectionToken facadeMicrometer(ObservedClients clients) {
    return clients.facadeMicrometer();
  }

  /** With {@code PartooTracing.listener(openTelemetry)}. */
  @Benchmark
  public ConnectionToken facadeOpenTelemetry(ObservedClients clients) {
    return clients.facadeOpenTelemetry();
  }
}
