package com.acme.partoo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;

/** The virtual-thread benchmark says when it cannot run, and its summary reads its figures against the target. */
class VirtualThreadsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  @EnabledForJreRange(max = JRE.JAVA_20, disabledReason = "on Java 21+ it runs the benchmark itself: run.sh's job")
  void olderThanJava21ItWritesWhyItWasSkipped(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("virtual-threads.json");

    VirtualThreads.main(new String[] {"--out", out.toString()});

    JsonNode result = JSON.readTree(out.toFile());
    assertThat(result.path("skipped").asText()).startsWith("needs Java 21+");
    assertThat(VirtualThreads.summary(result)).contains("Skipped: needs Java 21+");
  }

  @Test
  void theSummaryShowsEachClientAndTheFacadesRatioAgainstItsTarget() throws Exception {
    JsonNode result = JSON.readTree("{\"rounds\": 30, \"threads\": 1000, \"callsPerThread\": 5, \"java\": \"25\","
        + " \"rawOkHttp\": {\"callsPerSecondMedian\": 28000, \"throughputRatioToRawMedian\": 1,"
        + " \"heapBytesPerThousandInFlight\": 1048576, \"platformThreadsPerThousandInFlight\": 0},"
        + " \"facadeSync\": {\"callsPerSecondMedian\": 27000, \"throughputRatioToRawMedian\": 0.96,"
        + " \"throughputRatioToRawQ1\": 0.9, \"throughputRatioToRawQ3\": 1.01,"
        + " \"heapBytesPerThousandInFlight\": 2097152, \"platformThreadsPerThousandInFlight\": 1}}");

    String summary = VirtualThreads.summary(result);

    assertThat(summary).contains("1000 virtual threads share each client")
        .contains("| facadeSync | 27000 | 0.960 (0.900–1.010) | ≥ 0.95: met | 2.0 | 1 |")
        .contains("| rawOkHttp | 28000 | 1.000");
  }

  @Test
  void noResultFileMeansNoSection() {
    assertThat(VirtualThreads.summary(null)).isEmpty();
  }
}
