package com.acme.partoo.benchmarks;

import com.acme.partoo.tokens.ConnectionToken;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The benchmarks: each a full generate_token request, response and parse into a {@link ConnectionToken}, on the shared
 * {@link CannedTokenServer}. The subclasses fix the thread count, so that results read {@code OneThread.rawOkHttp},
 * {@code SixteenThreads.rawOkHttp}: these names are compared from run to run, never rename them. Run counts here are
 * the full run's; {@code run.sh --quick} shortens them from the command line.
 */
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class TokenBenchmarks {

  /** Hand-built OkHttp call, Jackson parse: the floor. */
  @Benchmark
  public ConnectionToken rawOkHttp(Clients clients) throws IOException {
    return clients.rawOkHttp();
  }

  /** The generated Retrofit interface, bare. */
  @Benchmark
  public ConnectionToken generatedRetrofit(Clients clients) throws IOException {
    return clients.generatedRetrofit();
  }

  /** {@code connectionTokens().generate(userId)}. */
  @Benchmark
  public ConnectionToken facadeSync(Clients clients) {
    return clients.facadeSync();
  }

  /** {@code connectionTokens().generateAsync(userId).join()}. */
  @Benchmark
  public ConnectionToken facadeAsync(Clients clients) {
    return clients.facadeAsync();
  }

  /** The server and loopback alone, with a minimal raw-socket client: what none of the above can go below. */
  @Benchmark
  public int serverAlone(RawConnection connection) throws IOException {
    return connection.exchange();
  }
}
