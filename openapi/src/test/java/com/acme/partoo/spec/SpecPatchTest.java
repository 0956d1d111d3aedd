package com.acme.partoo.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecPatchTest {

  private static final String DOCUMENT = """
      paths:
        /a/{id}:
          get: {operationId: a}
      components:
        schemas:
          Period: {type: object, propeties: {from: {type: string}}}
          Post: {discriminator: {mapping: {event: '#/components/schemas/EventPost'}}}
      """;

  @Test
  void appliesEachFixWhoseTestsPass() throws IOException {
    ObjectNode document = document();

    SpecPatch.Result result = patch("""
        - why: typo
          patch:
            - {op: test, path: /components/schemas/Period/properties, absent: true}
            - {op: move, from: /components/schemas/Period/propeties, path: /components/schemas/Period/properties}
        - why: undeclared
          patch:
            - {op: add, path: '/paths/~1a~1{id}/parameters', value: [{name: id, in: path}]}
            - {op: add, path: '/paths/~1a~1{id}/parameters/-', value: {name: x, in: query}}
            - {op: replace, path: '/paths/~1a~1{id}/get/operationId', value: getA}
        """).apply(document);

    assertThat(result.skipped()).isEmpty();
    assertThat(result.applied()).extracting(SpecPatch.Fix::why).containsExactly("typo", "undeclared");
    assertThat(document.at("/components/schemas/Period/properties/from/type").asText()).isEqualTo("string");
    assertThat(document.at("/components/schemas/Period").has("propeties")).isFalse();
    assertThat(document.at("/paths/~1a~1{id}/parameters/1/name").asText()).isEqualTo("x");
    assertThat(document.at("/paths/~1a~1{id}/get/operationId").asText()).isEqualTo("getA");
  }

  @Test
  void skipsAFixWholeWhenItsTestFailsOnceTheVendorFixedTheBundle() throws IOException {
    ObjectNode document = document();
    JsonNode before = document.deepCopy();

    SpecPatch.Result result = patch("""
        - why: remove the dangling mapping
          patch:
            - {op: remove, path: /components/schemas/Post/discriminator/mapping/event}
            - {op: test, path: /components/schemas/EventPost, value: {type: object}}
        """).apply(document);

    assertThat(result.applied()).isEmpty();
    assertThat(result.skipped()).containsExactly(
        "'remove the dangling mapping': test failed at /components/schemas/EventPost (the bundle changed there)");
    assertThat(document).isEqualTo(before);
  }

  @Test
  void skipsAFixWhosePathIsGone() throws IOException {
    SpecPatch.Result result = patch("""
        - why: gone
          patch:
            - {op: remove, path: /components/schemas/Nope/type}
        """).apply(document());

    assertThat(result.skipped()).containsExactly(
        "'gone': /components/schemas/Nope/type does not exist (the bundle changed there)");
  }

  @Test
  void theFullApiPatchAppliesWholeToTheMessyFixture() {
    ObjectNode messy = (ObjectNode) Bundle.read(Path.of("fixtures/partoo-bundle-messy.yaml")).root();

    SpecPatch.Result result = SpecPatch.read(Path.of("patches/full-api.yaml")).apply(messy);

    assertThat(result.skipped()).isEmpty();
    assertThat(result.applied()).hasSize(5);
    List<SpecProblem.Kind> left = new ArrayList<>();
    SpecLint.lint(new Bundle(messy)).forEach(p -> left.add(p.kind()));
    assertThat(left).doesNotContain(SpecProblem.Kind.DANGLING_REF, SpecProblem.Kind.UNDECLARED_PATH_PARAMETER);
  }

  private static ObjectNode document() throws IOException {
    return (ObjectNode) Bundle.YAML.readTree(DOCUMENT);
  }

  private static SpecPatch patch(String fixes) throws IOException {
    List<SpecPatch.Fix> list = new ArrayList<>();
    for (JsonNode fix : Bundle.YAML.readTree(fixes)) {
      list.add(new SpecPatch.Fix(fix.path("why").asText(), fix.get("patch")));
    }
    return new SpecPatch(list);
  }
}
