package com.acme.partoo.benchmarks.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulation runs and reports, shortened to about two seconds and a small fleet; it asserts what the report holds,
 * never a timing (that is what the simulation itself measures, in {@code run.sh --outage}).
 */
class OutageSimulationSmokeTest {

  @Test
  void aShortenedRunOfEveryOutageKindReportsEveryPhaseAndTarget() throws Exception {
    OutageSimulation.Options options = OutageSimulation.Options.parse("--kinds", "hang,503,429", "--policies",
        "short:open=100ms/200ms,window=4/2", "--clients", "2", "--threads", "2", "--deadline", "150ms",
        "--healthy", "100ms", "--outage", "250ms", "--judge-after", "150ms", "--settle", "100ms",
        "--after-max", "150ms", "--retry-after", "1", "--warmup", "0s");

    OutageSimulation.Report report = OutageSimulation.run(options);

    assertThat(report.runs()).extracting(RunFigures::kind, RunFigures::policy)
        .containsExactly(tuple("hang", "short"), tuple("503", "short"), tuple("429", "short"));
    for (RunFigures run : report.runs()) {
      assertThat(run.phases()).extracting(RunFigures.Phase::name)
          .containsExactly("healthy", "outage", "outage from +0.15 s", "recovery");
      assertThat(run.verdicts()).hasSize(run.kind().equals("429") ? 3 : 5);
      assertThat(run.rateLimit() != null).isEqualTo(run.kind().equals("429"));
    }
    assertThat(report.runs().stream().flatMap(run -> run.phases().stream()).mapToInt(RunFigures.Phase::pageViews).sum())
        .as("page views, all runs").isPositive();
    JsonNode json = new ObjectMapper().valueToTree(report);
    String markdown = OutageTable.markdown(json);
    assertThat(markdown).startsWith("## Outage simulation").contains("| hang | short | healthy |")
        .contains("| 429 | short | recovery |").contains("requests per client per Retry-After window").contains("| longest stall (ms) |")
        .contains("- `short`: OutagePolicy[window=4, minimumCalls=2");
    assertThat(List.of(json.path("setup").path("clients").asInt(), json.path("machine").path("cores").asInt()))
        .allMatch(n -> n > 0);
  }
}
