package com.acme.partoo.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Build step run before the generator: {@code SliceSpec <bundle> <output> <selectors> <apiTag>}, where selectors is a
 * comma-separated list of tags or operationIds. Exits non-zero with a one-line message when the slice cannot be made.
 */
public final class SliceSpec {

  private SliceSpec() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: SliceSpec <bundle> <output> <tags-or-operationIds> <apiTag>");
    }
    Path input = Path.of(args[0]);
    Path output = Path.of(args[1]);
    Set<String> selectors = Arrays.stream(args[2].split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));

    YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder()
        .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
        .build());
    JsonNode bundle = yaml.readTree(input.toFile());
    SpecSlicer.Slice slice = new SpecSlicer(selectors, args[3]).slice(bundle);

    Files.createDirectories(output.toAbsolutePath().getParent());
    yaml.writeValue(output.toFile(), slice.spec());
    System.out.println("[partoo-spec] kept " + slice.operationIds().size() + " operation(s) of " + input.getFileName()
        + ": " + String.join(", ", slice.operationIds()));
  }
}
