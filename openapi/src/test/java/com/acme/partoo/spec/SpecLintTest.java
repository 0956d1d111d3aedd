package com.acme.partoo.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.spec.SpecProblem.Kind;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecLintTest {

  private static final String HEADER = """
      openapi: %s
      info: {title: t, version: v}
      paths: {}
      components:
        schemas:
      """;

  @Test
  void findsTypeNamesThatAreNotOpenApiTypes() {
    List<SpecProblem> problems = lintSchemas("3.1.0", """
            Review:
              type: object
              properties:
                rating: {type: 'integer / null'}
                tags: {type: array of string}
                content: {type: text}
                date: {type: datetime}
                plan: {type: enum, enum: [a, b]}
                ok: {type: [string, 'null']}
        """);

    assertThat(problems).extracting(SpecProblem::message).containsExactly(
        "type 'integer / null' is not an OpenAPI type",
        "type 'array of string' is not an OpenAPI type",
        "type 'text' is not an OpenAPI type",
        "type 'datetime' is not an OpenAPI type",
        "type 'enum' is not an OpenAPI type");
    assertThat(problems.get(0).pointer()).isEqualTo("#/components/schemas/Review/properties/rating/type");
  }

  @Test
  void findsTypeArraysInA30DocumentAndNullTypeThere() {
    List<SpecProblem> problems = lintSchemas("3.0.3", """
            A: {type: [string, 'null']}
            B: {type: 'null'}
        """);

    assertThat(problems).extracting(SpecProblem::kind).containsExactly(Kind.VERSION_SYNTAX, Kind.INVALID_TYPE);
    assertThat(problems.get(0).message()).contains("3.1 syntax in a 3.0 document");
  }

  @Test
  void findsNullableAndBooleanExclusiveBoundsInA31Document() {
    List<SpecProblem> problems = lintSchemas("3.1.0", """
            A: {type: string, nullable: true}
            B: {type: number, minimum: 0, exclusiveMinimum: true}
        """);

    assertThat(problems).extracting(SpecProblem::kind).containsOnly(Kind.VERSION_SYNTAX).hasSize(2);
    assertThat(problems.get(0).message()).contains("'nullable' is OpenAPI 3.0 syntax in a 3.1 document");
  }

  @Test
  void acceptsEachVersionsOwnSyntax() {
    assertThat(lintSchemas("3.0.3", "    A: {type: number, nullable: true, exclusiveMinimum: true}\n")).isEmpty();
    assertThat(lintSchemas("3.1.0", "    A: {type: [number, 'null'], exclusiveMinimum: 0}\n")).isEmpty();
  }

  @Test
  void findsRequiredThatIsNotAList() {
    List<SpecProblem> problems = lintSchemas("3.1.0", """
            A: {type: object, required: true, properties: {url: {type: string, required: 'true'}}}
        """);

    assertThat(problems).extracting(SpecProblem::pointer).containsExactly(
        "#/components/schemas/A/required", "#/components/schemas/A/properties/url/required");
    assertThat(problems).extracting(SpecProblem::kind).containsOnly(Kind.REQUIRED_NOT_LIST);
  }

  @Test
  void findsArraysWithoutItems() {
    List<SpecProblem> problems = lintSchemas("3.1.0", """
            A: {type: object, properties: {groups: {type: array}, ok: {type: array, items: {type: integer}}}}
        """);

    assertThat(problems).singleElement()
        .satisfies(p -> assertThat(p.kind()).isEqualTo(Kind.ARRAY_WITHOUT_ITEMS))
        .satisfies(p -> assertThat(p.pointer()).isEqualTo("#/components/schemas/A/properties/groups"));
  }

  @Test
  void findsDanglingReferencesAndDiscriminatorMappings() {
    List<SpecProblem> problems = lintSchemas("3.1.0", """
            Post:
              oneOf: [{$ref: '#/components/schemas/Google'}, {$ref: '#/components/schemas/Gone'}]
              discriminator: {propertyName: t, mapping: {g: Google, e: '#/components/schemas/EventPost'}}
            Google: {type: object, properties: {x: {$ref: 'other.yaml#/X'}}}
        """);

    assertThat(problems).extracting(SpecProblem::kind).containsOnly(Kind.DANGLING_REF);
    assertThat(problems).extracting(SpecProblem::message).containsExactlyInAnyOrder(
        "$ref '#/components/schemas/Gone' points at nothing",
        "discriminator mapping 'e' points at #/components/schemas/EventPost, which does not exist",
        "$ref 'other.yaml#/X' points outside the bundle");
  }

  @Test
  void findsProbablePropertyNameTypos() {
    List<SpecProblem> problems = lintSchemas("3.1.0", """
            Business: {type: object, required: [name, adress], properties: {name: {type: string}, address: {}}}
            Period: {type: object, propeties: {from: {type: string}}, x-propeties: ignored, desciption: d}
            Composed: {allOf: [{$ref: '#/components/schemas/Business'}], required: [name]}
        """);

    assertThat(problems).extracting(SpecProblem::kind).containsOnly(Kind.PROPERTY_TYPO);
    assertThat(problems).extracting(SpecProblem::message).containsExactly(
        "'required' lists 'adress', which is not a property (did you mean 'address'?)",
        "'propeties' looks like a misspelt 'properties': it is ignored",
        "'desciption' looks like a misspelt 'description': it is ignored");
  }

  @Test
  void findsOperationIdsThatClashWhenCaseIsIgnoredAndUndeclaredPathParameters() {
    List<SpecProblem> problems = SpecLint.lint(bundle("""
        openapi: 3.1.0
        info: {title: t, version: v}
        paths:
          /business/{business_id}:
            parameters: [{name: business_id, in: path, required: true, schema: {type: string}}]
            get: {operationId: getBusiness, responses: {'200': {description: ok}}}
          /v1/business/{business_id}:
            get: {operationId: GetBusiness, responses: {'200': {description: ok}}}
          /v1/business/{id}/stats:
            get:
              operationId: getStats
              parameters: [{name: business_id, in: path, required: true, schema: {type: string}}]
              responses: {'200': {description: ok}}
        """));

    assertThat(problems).extracting(SpecProblem::toString).containsExactly(
        "operation-id #/paths/~1v1~1business~1{business_id}/get/operationId: operationId 'GetBusiness' clashes, "
            + "when case is ignored, with 'getBusiness' (GET /business/{business_id})",
        "path-parameter #/paths/~1v1~1business~1{business_id}/get: path parameter 'business_id' is used in the path "
            + "but not declared",
        "path-parameter #/paths/~1v1~1business~1{id}~1stats/get: path parameter 'id' is used in the path but not "
            + "declared",
        "path-parameter #/paths/~1v1~1business~1{id}~1stats/get: path parameter 'business_id' is declared but the "
            + "path has no {business_id}");
  }

  @Test
  void findsWhatFailsValidationOfTheWholeDocument() {
    List<SpecProblem> problems = SpecLint.lint(bundle("""
        openapi: 3.1.0
        info: {title: t, version: v}
        paths:
          /a:
            get:
              operationId: a
              parameters: [{name: lang, schema: {type: string, minLength: one}}]
              responses: {'200': {content: {}}}
          /b:
            get: {operationId: b}
        """));

    assertThat(problems).extracting(SpecProblem::message).containsExactly(
        "'minLength' is \"one\", not a number",
        "a parameter without 'in'",
        "a response without 'description'",
        "an operation without responses");
  }

  @Test
  void ignoresExamplesAndExtensionsWhereAnythingGoes() {
    assertThat(lintSchemas("3.1.0", """
            A: {type: object, example: {type: text, $ref: nowhere}, x-meta: {type: text}}
        """)).isEmpty();
  }

  @Test
  void theMessyFixtureHasEveryKindOfDefect() {
    List<SpecProblem> problems = SpecLint.lint(Bundle.read(Path.of("fixtures/partoo-bundle-messy.yaml")));

    assertThat(EnumSet.copyOf(problems.stream().map(SpecProblem::kind).toList()))
        .containsExactlyInAnyOrder(Kind.values());
  }

  private static List<SpecProblem> lintSchemas(String version, String schemas) {
    return SpecLint.lint(bundle(HEADER.formatted(version) + schemas));
  }

  private static Bundle bundle(String yaml) {
    try {
      return new Bundle(Bundle.YAML.readTree(yaml));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
