package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.tokens.PartooClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs {@code partoo-token} in-process through {@link PartooTokenCli#execute}, with its own environment, captured
 * output and a scheduler that records waits and ends them at once instead of sleeping. Every run checks that no known API key leaked.
 */
final class Cli {

  private final Map<String, String> env = new HashMap<>();
  private Consumer<PartooClient.Builder> customizer = builder -> {};
  private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

  /** A CLI with an empty environment: no key, no base URL. */
  static Cli withoutEnvironment() {
    return new Cli();
  }

  /** A CLI whose environment points at {@code baseUrl} with {@code apiKey}. */
  static Cli against(String baseUrl, String apiKey) {
    return new Cli().env(PartooTokenCli.BASE_URL_ENV, baseUrl).env(PartooTokenCli.API_KEY_ENV, apiKey);
  }

  Cli env(String name, String value) {
    env.put(name, value);
    return this;
  }

  Cli withoutEnv(String name) {
    env.remove(name);
    return this;
  }

  /** Runs after the CLI's own builder settings, like the real seam; the recording scheduler is set before it. */
  Cli customizer(Consumer<PartooClient.Builder> customizer) {
    this.customizer = customizer;
    return this;
  }

  /** The waits the client asked for between attempts, in order. */
  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    RecordingScheduler recording = new RecordingScheduler(sleeps);
    int code;
    try {
      code = PartooTokenCli.execute(args, Map.copyOf(env), new PrintWriter(out, true), new PrintWriter(err, true),
          builder -> customizer.accept(builder.scheduler(recording)));
    } finally {
      recording.shutdownNow();
    }
    Result result = new Result(code, out.toString(), err.toString());
    String key = env.get(PartooTokenCli.API_KEY_ENV);
    if (key != null && !key.isBlank()) {
      assertThat(result.out()).as("stdout must never show the API key").doesNotContain(key.strip());
      assertThat(result.err()).as("stderr must never show the API key").doesNotContain(key.strip());
    }
    return result;
  }

  /** What one run produced. */
  record Result(int code, String out, String err) {

    /** stderr's lines (without the line breaks). */
    List<String> errLines() {
      return err.lines().toList();
    }

    /** The single line a failure writes to stderr; fails the test unless there is exactly one. */
    String errorLine() {
      assertThat(errLines()).as("stderr of a failed run: exactly one line, no stack trace").hasSize(1);
      return errLines().get(0);
    }
  }

  /** Records each wait the client asks for and ends it at once, on its own thread as a real scheduler would. */
  private static final class RecordingScheduler extends ScheduledThreadPoolExecutor {
    private final List<Duration> waits;

    RecordingScheduler(List<Duration> waits) {
      super(1);
      this.waits = waits;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      waits.add(Duration.ofNanos(unit.toNanos(delay)));
      return super.schedule(command, 0, TimeUnit.NANOSECONDS);
    }
  }
}
