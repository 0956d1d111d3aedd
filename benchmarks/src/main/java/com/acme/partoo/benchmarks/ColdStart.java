package com.acme.partoo.benchmarks;

import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.FakePartoo;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The CLI's cold start: wall time from launching {@code ./partoo-token generate} to the token appearing on its
 * stdout, against a local fake Partoo running in this JVM, next to a bare JVM printing hello world, launched
 * alternately in the same run; each under {@code /usr/bin/time -f %M} for its peak RSS. The first launches after a
 * build write the launcher's class-data archive and are not counted.
 *
 * <p>{@code ColdStart --repo DIR --runs N --warmup N --out FILE [--java-home DIR]... [--aot true]}: one pair of
 * variants per JDK (default: this JVM's); with {@code --aot true}, on Java 25+ also the CLI jar run with an AOT cache. Writes JSON: per variant the samples, median, min and max in milliseconds and peak RSS in KiB.
 */
public final class ColdStart {

  private static final String TIME = "/usr/bin/time";

  private ColdStart() {}

  /**
   * The yardstick, launched in a JVM of its own: prints one line and exits. Nested here because it is part of this
   * measure; it touches nothing of {@code ColdStart}, so its JVM loads no class but its own.
   */
  public static final class HelloWorld {

    private HelloWorld() {}

    /** Prints {@code hello world}. */
    public static void main(String[] args) {
      System.out.println("hello world");
    }
  }

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    Map<String, List<String>> options = parse(args);
    Path repo = Path.of(single(options, "--repo", ".")).toAbsolutePath().normalize();
    int runs = Integer.parseInt(single(options, "--runs", "10"));
    int warmup = Integer.parseInt(single(options, "--warmup", "2"));
    Path out = Path.of(single(options, "--out", "target/cold-start.json"));
    List<String> javaHomes = options.getOrDefault("--java-home", List.of(System.getProperty("java.home")));
    boolean aot = Boolean.parseBoolean(single(options, "--aot", "false"));
    String classpath = Path.of(HelloWorld.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();

    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode result = json.createObjectNode();
    result.put("runs", runs);
    ArrayNode variants = result.putArray("variants");
    try (FakePartoo partoo = FakePartoo.withDefaults()) {
      for (String javaHome : javaHomes) {
        String version = javaVersion(javaHome);
        Variant hello = new Variant("hello world", version, javaHome,
            List.of(javaHome + "/bin/java", "-cp", classpath, HelloWorld.class.getName()),
            line -> line.equals("hello world"));
        Variant cli = new Variant("partoo-token generate", version, javaHome,
            List.of(repo.resolve("partoo-token").toString(), "generate", "--user-id", DefaultFixture.USER_ID,
                "--base-url", partoo.baseUrl()),
            line -> line.startsWith("token:") && line.length() > "token:".length() + 8);
        for (int i = 0; i < warmup; i++) {
          hello.launch(false);
          cli.launch(false);
        }
        for (int i = 0; i < runs; i++) {
          hello.launch(true);
          cli.launch(true);
        }
        variants.add(hello.toJson(json));
        variants.add(cli.toJson(json));
        if (aot && Runtime.Version.parse(version).feature() >= 25) {
          Variant cached = aotVariant(repo, javaHome, version, partoo.baseUrl(), runs);
          variants.add(cached.toJson(json));
        }
        System.out.printf("cold start on Java %s: hello world %d ms, partoo-token generate %d ms (medians of %d)%n",
            version, hello.median(), cli.median(), runs);
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writeValue(out.toFile(), result);
  }

  /** One command, launched repeatedly. */
  private static final class Variant {
    final String name;
    final String javaVersion;
    final String javaHome;
    final List<String> command;
    final Predicate<String> printed;
    final List<Long> millis = new ArrayList<>();
    final List<Long> rssKib = new ArrayList<>();

    Variant(String name, String javaVersion, String javaHome, List<String> command, Predicate<String> printed) {
      this.name = name;
      this.javaVersion = javaVersion;
      this.javaHome = javaHome;
      this.command = command;
      this.printed = printed;
    }

    void launch(boolean record) throws IOException, InterruptedException {
      Path rssFile = Files.createTempFile("cold-start-rss", ".txt");
      try {
        List<String> timed = new ArrayList<>(List.of(TIME, "-f", "%M", "-o", rssFile.toString()));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("JAVA_HOME", javaHome);
        builder.environment().put("PARTOO_API_KEY", DefaultFixture.API_KEY);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        long start = System.nanoTime();
        Process process = builder.start();
        long printedAt = -1;
        try (BufferedReader stdout = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = stdout.readLine()) != null) {
            if (printedAt < 0 && printed.test(line)) {
              printedAt = System.nanoTime();
            }
          }
        }
        int exit = process.waitFor();
        if (exit != 0 || printedAt < 0) {
          throw new IllegalStateException(name + " on Java " + javaVersion + " exited " + exit
              + (printedAt < 0 ? " without printing what was expected" : ""));
        }
        if (record) {
          millis.add((printedAt - start) / 1_000_000);
          rssKib.add(Long.parseLong(Files.readString(rssFile).strip().lines().reduce((a, b) -> b).orElseThrow()));
        }
      } finally {
        Files.deleteIfExists(rssFile);
      }
    }

    long median() {
      return ColdStart.median(millis);
    }

    ObjectNode toJson(ObjectMapper json) {
      ObjectNode node = json.createObjectNode();
      node.put("name", name);
      node.put("java", javaVersion);
      node.put("command", String.join(" ", command));
      node.put("millisMedian", median());
      node.put("millisMin", millis.stream().mapToLong(Long::longValue).min().orElse(-1));
      node.put("millisMax", millis.stream().mapToLong(Long::longValue).max().orElse(-1));
      node.put("rssKibMedian", ColdStart.median(rssKib));
      node.put("rssKibMax", rssKib.stream().mapToLong(Long::longValue).max().orElse(-1));
      millis.forEach(node.putArray("millis")::add);
      rssKib.forEach(node.putArray("rssKib")::add);
      return node;
    }
  }

  /**
   * The experiment for Java 25+: the launcher's JVM flags, with an AOT cache (JEP 483/514/515) in place of its CDS
   * archive, run as {@code java -jar} (the launcher does not do this). One training run writes the cache first.
   */
  private static Variant aotVariant(Path repo, String javaHome, String version, String baseUrl, int runs)
      throws IOException, InterruptedException {
    Path cache = repo.resolve("benchmarks/target/cold-start/partoo-cli.aot");
    Files.createDirectories(cache.getParent());
    Files.deleteIfExists(cache);
    List<String> jvm = List.of(javaHome + "/bin/java", "-Xlog:disable", "-Xlog:all=warning:stderr",
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    List<String> cli = List.of("-jar", repo.resolve("cli/target/partoo-cli.jar").toString(), "generate", "--user-id",
        DefaultFixture.USER_ID, "--base-url", baseUrl);
    Predicate<String> token = line -> line.startsWith("token:");
    List<String> training = new ArrayList<>(jvm);
    training.add("-XX:AOTCacheOutput=" + cache);
    training.addAll(cli);
    new Variant("AOT training", version, javaHome, training, token).launch(false);
    List<String> command = new ArrayList<>(jvm);
    command.add("-XX:AOTCache=" + cache);
    command.addAll(cli);
    Variant cached = new Variant("java -jar with AOT cache (experiment)", version, javaHome, command, token);
    for (int i = 0; i < runs; i++) {
      cached.launch(true);
    }
    System.out.printf("cold start on Java %s with an AOT cache: %d ms (median of %d)%n", version, cached.median(),
        runs);
    return cached;
  }

  private static long median(List<Long> values) {
    if (values.isEmpty()) {
      return -1;
    }
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  private static String javaVersion(String javaHome) throws IOException {
    Path release = Path.of(javaHome, "release");
    if (Files.exists(release)) {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_VERSION=")) {
          return line.substring("JAVA_VERSION=".length()).replace("\"", "");
        }
      }
    }
    return javaHome;
  }

  private static Map<String, List<String>> parse(String[] args) {
    Map<String, List<String>> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.computeIfAbsent(args[i], k -> new ArrayList<>()).add(args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("options come in pairs: " + Arrays.toString(args));
    }
    return options;
  }

  private static String single(Map<String, List<String>> options, String name, String fallback) {
    List<String> values = options.get(name);
    return values == null ? fallback : values.get(values.size() - 1);
  }
}
