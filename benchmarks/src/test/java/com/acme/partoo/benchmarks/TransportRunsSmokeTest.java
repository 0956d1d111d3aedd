package com.acme.partoo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TransportRuns and its summary, shortened to a few calls per client with the options the docs' smoke run uses; it
 * asserts what the files hold, never a timing (that is what {@code run.sh --transports} measures).
 */
class TransportRunsSmokeTest {

  @Test
  void aShortRunWritesEveryClientOfEachTransportAndTheSummaryTablesThem(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("transports-2.json");
    Path summary = dir.resolve("summary.md");

    TransportRuns.main(new String[] {"--rounds", "2", "--warmup", "20", "--calls", "3", "--threads", "2",
        "--transports", "cleartext-h1,tls-h2", "--out", out.toString()});
    Summary.main(new String[] {"--transports", out + "," + dir.resolve("absent.json"), summary.toString()});

    JsonNode run = new ObjectMapper().readTree(out.toFile());
    assertThat(run.path("threads").asInt()).isEqualTo(2);
    assertThat(run.path("transports").fieldNames()).toIterable().containsExactly("cleartext-h1", "tls-h2");
    for (JsonNode transport : run.path("transports")) {
      assertThat(transport.fieldNames()).toIterable().contains("title", "server").containsAll(TransportRuns.CLIENTS);
      for (String client : TransportRuns.CLIENTS) {
        JsonNode row = transport.path(client);
        assertThat(row.path("microsPerCall")).as(client).hasSize(2);
        assertThat(row.path("warmupConnections").asLong()).as(client).isPositive();
        assertThat(row.path("negotiated").size()).as(client).isPositive();
        assertThat(row.has("connectionsPer1000") && row.has("handshakesPer1000") && row.has("threadsStartedPer1000"))
            .as(client).isTrue();
      }
    }
    assertThat(run.path("transports").path("tls-h2").path("rawOkHttp").path("ratioToRawMedian").asDouble())
        .isEqualTo(1.0);
    assertThat(Files.readString(summary)).contains("## Transports and peers")
        .contains("| cleartext HTTP/1.1 | facadeSync | cleartext http/1.1 |")
        .contains("| TLS HTTP/2 | openFeign | TLSv1.3 http/1.1 (no ALPN) |")
        .contains("TLS HTTP/2 by Jetty");
  }
}
