package com.acme.partoo.benchmarks.pages;

import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.FakePartoo;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The example service in a JVM of its own, on its own runtime classpath (what Maven wrote to
 * {@code examples/spring-boot-service/target/runtime-classpath.txt}), with the baseline page
 * {@link PerViewBookingsPage} loaded beside its own, pointed at a fake Partoo. Its output goes to a log file.
 */
final class ServiceProcess implements AutoCloseable {

  /** How long the service may take to start on a busy two-core machine before the run gives up. */
  private static final Duration START_LIMIT = Duration.ofMinutes(3);

  private final Process process;
  private final int port;

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the service of {@code repo} against {@code partoo} and waits until it answers.
   *
   * @throws IllegalStateException if the example is not built, or the service exits or does not answer in time
   */
  static ServiceProcess start(Path repo, FakePartoo partoo, Path log) throws IOException, InterruptedException {
    Path example = repo.resolve("examples/spring-boot-service/target");
    Path classpathFile = example.resolve("runtime-classpath.txt");
    if (!Files.isRegularFile(classpathFile)) {
      throw new IllegalStateException(classpathFile + " is missing: build the example first (run.sh --pages does, as"
          + " does ./mvnw -pl benchmarks -am package)");
    }
    List<String> classpath = new ArrayList<>();
    classpath.add(example.resolve("classes").toString());
    classpath.add(Files.readString(classpathFile).strip());
    classpath.add(Path.of(PerViewBookingsPage.class.getProtectionDomain().getCodeSource().getLocation().getPath())
        .toString());
    int port = freePort();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms256m", "-Xmx512m", "-cp", String.join(File.pathSeparator, classpath),
        "com.example.partoo.service.BookingServiceApplication",
        "--server.address=127.0.0.1", "--server.port=" + port,
        "--partoo.base-url=" + partoo.baseUrl(), "--partoo.app-url=" + partoo.appBaseUrl(),
        "--spring.main.sources=" + PerViewBookingsPage.class.getName(),
        "--spring.main.banner-mode=off", "--logging.level.root=WARN")
        .redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("PARTOO_API_KEY", DefaultFixture.API_KEY); // the fake's key, never on a command line
    ServiceProcess service = new ServiceProcess(builder.start(), port);
    try {
      service.awaitLive(log);
    } catch (RuntimeException | InterruptedException e) {
      service.close();
      throw e;
    }
    return service;
  }

  /** The port it listens on, on 127.0.0.1. */
  int port() {
    return port;
  }

  private void awaitLive(Path log) throws InterruptedException, IOException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest live = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/liveness"))
        .timeout(Duration.ofSeconds(5)).build();
    long giveUpAt = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < giveUpAt) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the example service exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (http.send(live, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the example service did not answer within " + START_LIMIT + "; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops the service and waits for its JVM to end; interrupted, kills it at once and keeps the interrupt. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
