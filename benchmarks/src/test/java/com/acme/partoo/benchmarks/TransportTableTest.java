package com.acme.partoo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportTableTest {

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void rendersARowPerTransportAndClientFromTheOneAndSixteenThreadRuns() {
    JsonNode one = run(1, 0.0, 1.10);
    JsonNode sixteen = run(16, 45.5, 0.80);

    String table = TransportTable.markdown(List.of(one, sixteen));

    assertThat(table).contains("## Transports and peers")
        .contains("| TLS HTTP/2 | openFeign | TLSv1.3 http/1.1 (no ALPN) | 61.0 | 1.100 (1.000–1.200) "
            + "| 0.800 (0.700–0.900) | 0.0 / 45.5 | 0.0 / 45.5 |")
        .contains("Servers: TLS HTTP/2 by Jetty 12: ALPN.");
    assertThat(table.lines().filter(line -> line.startsWith("| TLS HTTP/2 |"))).hasSize(1);
  }

  @Test
  void listsThePeersFailedCallsAfterTheTableAndNothingWhenNoneFailed() {
    JsonNode one = run(1, 0.0, 1.10);
    ObjectNode sixteen = (ObjectNode) run(16, 45.5, 0.80);
    ((ObjectNode) sixteen.path("transports").path("tls-h2").path("openFeign")).put("failedCalls", 3)
        .put("firstFailure", "IOException: HTTP/1.1 header parser received no bytes");

    assertThat(TransportTable.markdown(List.of(one, sixteen))).contains("Failed calls (warm-up included; "
        + "a failed call counts as one, of the time it took): openFeign over TLS HTTP/2 at 16 thread(s): 3 (first: "
        + "IOException: HTTP/1.1 header parser received no bytes).");
    assertThat(TransportTable.markdown(List.of(one))).doesNotContain("Failed calls");
  }

  @Test
  void isEmptyWithoutTransportRunsAndTellsThemFromThePairedRuns() {
    ObjectNode classic = json.createObjectNode().put("threads", 1);

    assertThat(TransportTable.markdown(List.of())).isEmpty();
    assertThat(TransportTable.isTransportRun(classic)).isFalse();
    assertThat(TransportTable.isTransportRun(run(1, 0, 1))).isTrue();
  }

  /** A TransportRuns file with one transport and one client, as {@link TransportRuns} writes it. */
  private JsonNode run(int threads, double connections, double ratio) {
    ObjectNode run = json.createObjectNode().put("rounds", 3).put("callsPerBurst", 100).put("threads", threads)
        .put("warmupCallsPerClient", 500).put("label", "").put("java", "17");
    ObjectNode transport = run.putObject("transports").putObject("tls-h2")
        .put("title", "TLS HTTP/2").put("server", "Jetty 12: ALPN");
    ObjectNode feign = transport.putObject("openFeign")
        .put("microsPerCallMedian", 61.0)
        .put("ratioToRawMedian", ratio).put("ratioToRawQ1", ratio - 0.1).put("ratioToRawQ3", ratio + 0.1)
        .put("throughputRatioToRawMedian", ratio).put("throughputRatioToRawQ1", ratio - 0.1)
        .put("throughputRatioToRawQ3", ratio + 0.1)
        .put("connectionsPer1000", connections).put("handshakesPer1000", connections);
    feign.putObject("negotiated").put("TLSv1.3 http/1.1 (no ALPN)", 12);
    return run;
  }
}
