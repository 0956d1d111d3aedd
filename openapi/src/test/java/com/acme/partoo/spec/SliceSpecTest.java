package com.acme.partoo.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build step's report: short, as warnings, with every problem in a file. */
class SliceSpecTest {

  private static final String MESSY = "fixtures/partoo-bundle-messy.yaml";

  @TempDir Path target;

  @Test
  void reportsTheBundlesProblemsAsAFewWarningsAndKeepsTheSliceFreeOfThem() throws IOException {
    List<String> lines = run("--spec=" + MESSY, "--operations=Connection Tokens", "--report-limit=3");

    assertThat(lines.get(0)).startsWith("[WARNING] [partoo-spec] partoo-bundle-messy.yaml has 21 spec problem(s): ")
        .contains("5 invalid-type", "1 operation-id", "1 path-parameter", "2 dangling-ref");
    assertThat(lines.subList(1, 4)).allSatisfy(line -> assertThat(line).startsWith("[WARNING] [partoo-spec]   "));
    assertThat(lines.get(4)).isEqualTo("[WARNING] [partoo-spec]   ... and 18 more, all listed in "
        + target.resolve("problems.txt"));
    assertThat(lines.subList(5, lines.size())).containsExactly(
        "[INFO] [partoo-spec] kept 3 operation(s) of partoo-bundle-messy.yaml: checkConnectionToken, "
            + "generateConnectionToken, revokeConnectionToken",
        "[INFO] [partoo-spec] none of the problems is in what was kept");
    assertThat(Files.readAllLines(target.resolve("problems.txt"))).hasSize(22).first().asString()
        .startsWith("# 21 spec problem(s) in ");
    assertThat(Files.readString(target.resolve("slice.yaml"))).contains("operationId: \"generateConnectionToken\"")
        .doesNotContain("searchBusinesses");
  }

  @Test
  void keepsEverythingAndAppliesThePatchForTheFullApi() throws IOException {
    List<String> lines = run("--spec=" + MESSY, "--operations=Connection Tokens", "--all=true",
        "--patch=patches/full-api.yaml");

    assertThat(lines).contains(
        "[INFO] [partoo-spec] patch full-api.yaml: applied 5 fix(es), skipped 0",
        "[INFO] [partoo-spec] kept 126 operation(s) of partoo-bundle-messy.yaml (all of them)");
    assertThat(lines).anyMatch(line -> line.startsWith("[WARNING] [partoo-spec] what was kept has 16 spec problem"));
  }

  @Test
  void saysSoWhenTheBundleIsClean() throws IOException {
    List<String> lines = run("--spec=fixtures/partoo-ttl-maximum-changed.yaml", "--operations=Connection Tokens");

    assertThat(lines.get(0)).isEqualTo("[INFO] [partoo-spec] partoo-ttl-maximum-changed.yaml has no spec problem");
  }

  private List<String> run(String... args) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String[] all = new String[args.length + 3];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--out=" + target.resolve("slice.yaml");
    all[args.length + 1] = "--api-tag=Partoo";
    all[args.length + 2] = "--report=" + target.resolve("problems.txt");
    new SliceSpec(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(SliceSpec.options(all));
    return bytes.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
