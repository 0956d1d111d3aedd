package com.acme.partoo.benchmarks.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page measurement runs and reports, shortened to a few views with Partoo healthy: one service JVM, both pages.
 * It asserts what the report holds (rows, counts, Partoo requests per view), never a timing.
 */
class PageRenderSmokeTest {

  private static final Path ROOT = Path.of(System.getProperty("partoo.root", ".."));

  @Test
  void aShortRunReportsBothPagesAndThePartooRequestsEachMakes(@TempDir Path out) throws Exception {
    PageRender.Options options = PageRender.Options.parse("--repo", ROOT.toString(), "--views", "4", "--warmup", "1",
        "--states", "healthy", "--out", out.resolve("pages.json").toString());

    PageRender.Report report = PageRender.run(options);

    assertThat(report.rows()).extracting(PageRender.Row::page, PageRender.Row::partoo, PageRender.Row::views,
        PageRender.Row::failedViews)
        .containsExactly(tuple("link", "healthy", 4, 0), tuple("per-view", "healthy", 4, 0));
    // The link page asks Partoo nothing; the old page one token per view.
    assertThat(report.rows()).extracting(PageRender.Row::partooRequestsPerView).containsExactly(0.0, 1.0);
    assertThat(report.rows()).allSatisfy(row -> assertThat(row.renderP99Ms()).isGreaterThanOrEqualTo(
        row.renderP50Ms()));
    assertThat(PageRender.markdown(report)).startsWith("## Page render\n")
        .contains("| link | healthy |").contains("| per-view | healthy |");
  }

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = {1_000_000, 2_000_000, 3_000_000, 4_000_000};

    assertThat(PageRender.percentile(sorted, 50)).isEqualTo(2.0);
    assertThat(PageRender.percentile(sorted, 99)).isEqualTo(4.0);
  }
}
