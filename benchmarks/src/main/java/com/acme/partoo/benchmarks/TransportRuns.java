package com.acme.partoo.benchmarks;

import com.acme.partoo.benchmarks.ConnectionCounts.Snapshot;
import com.acme.partoo.benchmarks.peers.FeignPeer;
import com.acme.partoo.benchmarks.peers.JdkHttpClientPeer;
import com.acme.partoo.benchmarks.peers.Peer;
import com.acme.partoo.benchmarks.peers.SpringRestClientPeer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The facade and raw OkHttp beside what a team would otherwise pick (the JDK's {@code HttpClient} with Jackson, Spring's
 * {@code RestClient}, OpenFeign), over cleartext HTTP/1.1, TLS HTTP/1.1 and TLS HTTP/2, paired as {@link Interleaved}
 * pairs: every client of every transport alternates in one JVM, bursts of each in turn, order reversed every round,
 * ratios to raw OkHttp of the same transport from the same rounds. Each transport has its own server
 * ({@link Transport#startServer()}), which counts per client (their bursts never overlap) the TCP connections and TLS
 * handshakes it cost and what each connection negotiated.
 *
 * <p>{@code TransportRuns --rounds N --calls N [--threads N] [--warmup CALLS] [--transports tls-h1,tls-h2] [--label
 * TEXT] --out FILE} ({@code --warmup}: calls per client before measuring, spread over the threads, default 20,000). Writes, per transport, the
 * server and, per client, {@link Interleaved}'s time figures plus connections, handshakes and threads started per
 * 1,000 measured calls, the warm-up's connections and handshakes, what its connections negotiated over the run, and
 * the calls a peer failed (warm-up included; the run goes on).
 */
public final class TransportRuns {

  /** The clients of each transport, in the order of the tables: the reference rows, then the peers. */
  static final List<String> CLIENTS =
      List.of("rawOkHttp", "facadeSync", "jdkHttpClient", "springRestClient", "openFeign");

  private static final Map<String, Function<Transport.Endpoint, Peer>> PEERS = peers();

  private TransportRuns() {}

  private static Map<String, Function<Transport.Endpoint, Peer>> peers() {
    Map<String, Function<Transport.Endpoint, Peer>> peers = new LinkedHashMap<>();
    peers.put("jdkHttpClient", JdkHttpClientPeer::new);
    peers.put("springRestClient", SpringRestClientPeer::new);
    peers.put("openFeign", FeignPeer::new);
    return peers;
  }

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = Interleaved.options(args);
    int rounds = Integer.parseInt(options.getOrDefault("--rounds", "100"));
    int calls = Integer.parseInt(options.getOrDefault("--calls", "100"));
    int threads = Integer.parseInt(options.getOrDefault("--threads", "1"));
    int warmup = Integer.parseInt(options.getOrDefault("--warmup", "20000"));
    String label = options.getOrDefault("--label", "");
    Path out = Path.of(options.getOrDefault("--out", "target/transports.json"));
    List<Transport> transports = new ArrayList<>();
    for (String id : options.getOrDefault("--transports", "cleartext-h1,tls-h1,tls-h2").split(",")) {
      transports.add(Transport.of(id.strip()));
    }

    List<Run> runs = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Map<String, double[]> micros;
    try {
      Map<String, Callable<?>> benchmarks = new LinkedHashMap<>();
      for (Transport transport : transports) {
        Run run = Run.start(transport);
        runs.add(run);
        run.addTo(benchmarks);
      }
      micros = Interleaved.alternate(pool, threads, benchmarks, rounds, calls, warmup, new Counting(runs));
    } finally {
      pool.shutdownNow();
      for (Run run : runs) {
        run.close();
      }
    }

    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode result = json.createObjectNode().put("rounds", rounds).put("callsPerBurst", calls)
        .put("threads", threads).put("warmupCallsPerClient", warmup).put("label", label)
        .put("java", Runtime.version().toString());
    ObjectNode byTransport = result.putObject("transports");
    double measuredCalls = (double) rounds * calls * threads;
    for (Run run : runs) {
      ObjectNode node = byTransport.putObject(run.transport.id())
          .put("title", run.transport.title()).put("server", run.server.description());
      double[] raw = micros.get(run.key("rawOkHttp"));
      for (String client : CLIENTS) {
        double[] times = micros.get(run.key(client));
        ObjectNode row = Interleaved.putTimes(node.putObject(client), times, raw);
        Snapshot measured = run.measured.get(client);
        Snapshot warm = run.warmup.get(client);
        row.put("connectionsPer1000", measured.connections() * 1000 / measuredCalls)
            .put("handshakesPer1000", measured.handshakes() * 1000 / measuredCalls)
            .put("threadsStartedPer1000", run.threadsStarted.get(client) * 1000 / measuredCalls)
            .put("warmupConnections", warm.connections())
            .put("warmupHandshakes", warm.handshakes())
            .put("failedCalls", run.failures.getOrDefault(client, 0L));
        if (run.failureKinds.containsKey(client)) {
          row.put("firstFailure", run.failureKinds.get(client));
        }
        ObjectNode negotiated = row.putObject("negotiated");
        warm.plus(measured).negotiated().forEach(negotiated::put);
        System.out.printf("transports, %d thread(s)%s: %-12s %-16s %7.1f µs/call, time %5.3f × rawOkHttp, "
                + "throughput %5.3f ×; per 1,000 calls %6.1f connections, %6.1f handshakes; %s; failed calls %d%n",
            threads, Interleaved.labelled(label), run.transport.id(), client, row.path("microsPerCallMedian").asDouble(),
            row.path("ratioToRawMedian").asDouble(), row.path("throughputRatioToRawMedian").asDouble(),
            row.path("connectionsPer1000").asDouble(), row.path("handshakesPer1000").asDouble(), negotiated,
            row.path("failedCalls").asLong());
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writeValue(out.toFile(), result);
  }

  /** One transport's server and its clients, and what the server counted for each. */
  private static final class Run implements AutoCloseable {

    private final Transport transport;
    private final TokenServer server;
    private final Clients clients;
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final Map<String, Snapshot> warmup = new LinkedHashMap<>();
    private final Map<String, Snapshot> measured = new LinkedHashMap<>();
    private final Map<String, Long> threadsStarted = new LinkedHashMap<>();
    private final Map<String, Long> failures = new ConcurrentHashMap<>();
    private final Map<String, String> failureKinds = new ConcurrentHashMap<>();

    private Run(Transport transport, TokenServer server) {
      this.transport = transport;
      this.server = server;
      Transport.Endpoint endpoint = transport.endpoint(server);
      this.clients = new Clients(endpoint);
      clients.setUp();
      PEERS.forEach((name, peer) -> peers.put(name, peer.apply(endpoint)));
      for (String client : CLIENTS) {
        warmup.put(client, Snapshot.NONE);
        measured.put(client, Snapshot.NONE);
        threadsStarted.put(client, 0L);
      }
    }

    static Run start(Transport transport) {
      return new Run(transport, transport.startServer());
    }

    /** {@code tls-h2/facadeSync}: a client's name in the paired run. */
    String key(String client) {
      return transport.id() + "/" + client;
    }

    void addTo(Map<String, Callable<?>> benchmarks) {
      benchmarks.put(key("rawOkHttp"), clients::rawOkHttp);
      benchmarks.put(key("facadeSync"), clients::facadeSync);
      peers.forEach((name, peer) -> benchmarks.put(key(name), () -> {
        // A peer on its defaults may fail a call now and then (the JDK's HttpClient does at 16 threads): that is a
        // figure of the peer, counted and reported, not a reason to lose the run.
        try {
          return peer.generate();
        } catch (IOException e) {
          failures.merge(name, 1L, Long::sum);
          failureKinds.putIfAbsent(name, e.getClass().getSimpleName() + ": " + e.getMessage());
          return e;
        }
      }));
    }

    @Override
    public void close() throws Exception {
      clients.tearDown();
      for (Peer peer : peers.values()) {
        peer.close();
      }
      server.close();
    }
  }

  /** Reads the server's counts and the JVM's started threads around each burst and books them to its client. */
  private static final class Counting implements Interleaved.BurstProbe {

    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Snapshot before = Snapshot.NONE;
    private long threadsBefore;

    Counting(List<Run> runs) {
      for (Run run : runs) {
        for (String client : CLIENTS) {
          this.runs.put(run.key(client), run);
        }
      }
    }

    @Override
    public void before(String key, boolean measured) {
      before = runs.get(key).server.counts().snapshot();
      threadsBefore = threads.getTotalStartedThreadCount();
    }

    @Override
    public void after(String key, boolean measured) {
      Run run = runs.get(key);
      String client = key.substring(key.indexOf('/') + 1);
      Snapshot burst = run.server.counts().snapshot().minus(before);
      (measured ? run.measured : run.warmup).merge(client, burst, Snapshot::plus);
      if (measured) {
        run.threadsStarted.merge(client, threads.getTotalStartedThreadCount() - threadsBefore, Long::sum);
      }
    }
  }
}
