package com.acme.partoo.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecSlicerTest {

  private static final YAMLMapper YAML = new YAMLMapper();

  private static final String BUNDLE = """
      openapi: 3.1.0
      info: {title: t, version: v2}
      security: [{ApiKeyAuth: []}]
      paths:
        /connection/generate_token:
          post:
            tags: [Connection Tokens]
            operationId: generateConnectionToken
            requestBody:
              content:
                application/json:
                  schema: {$ref: '#/components/schemas/Request'}
            responses:
              '200':
                description: OK
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Token'}
              '400': {$ref: '#/components/responses/400'}
        /businesses:
          get:
            tags: [Businesses]
            operationId: searchBusinesses
            responses:
              '200':
                description: OK
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Broken'}
      components:
        schemas:
          Request:
            type: object
            properties:
              user_id: {$ref: '#/components/schemas/UserId'}
          UserId: {type: string}
          Token: {type: object, properties: {token: {type: string}}}
          Broken: {type: 'integer / null'}
        responses:
          '400':
            description: bad
            content:
              application/json:
                schema: {type: object}
        securitySchemes:
          ApiKeyAuth: {type: apiKey, in: header, name: x-APIKey}
      """;

  @Test
  void keepsSelectedOperationsAndTheirComponentsTransitively() throws Exception {
    SpecSlicer.Slice slice = new SpecSlicer(Set.of("Connection Tokens"), "Partoo").slice(YAML.readTree(BUNDLE));

    assertThat(slice.operationIds()).containsExactly("generateConnectionToken");
    JsonNode spec = slice.spec();
    assertThat(spec.path("paths").has("/businesses")).isFalse();
    assertThat(iterableNames(spec.path("components").path("schemas"))).containsExactlyInAnyOrder("Request", "UserId", "Token");
    assertThat(spec.path("components").path("securitySchemes").has("ApiKeyAuth")).isTrue();
  }

  @Test
  void selectsByOperationIdToo() throws Exception {
    SpecSlicer.Slice slice = new SpecSlicer(Set.of("searchBusinesses"), "Partoo").slice(YAML.readTree(BUNDLE));

    assertThat(slice.operationIds()).containsExactly("searchBusinesses");
  }

  @Test
  void retagsKeptOperationsAndDropsErrorBodies() throws Exception {
    JsonNode op = new SpecSlicer(Set.of("generateConnectionToken"), "Partoo").slice(YAML.readTree(BUNDLE))
        .spec().path("paths").path("/connection/generate_token").path("post");

    assertThat(op.path("tags").toString()).isEqualTo("[\"Partoo\"]");
    assertThat(op.path("responses").path("400").has("content")).isFalse();
    assertThat(op.path("responses").path("400").has("$ref")).isFalse();
    assertThat(op.path("responses").path("200").has("content")).isTrue();
  }

  @Test
  void failsWithOneLineWhenNothingMatches() {
    assertThatThrownBy(() -> new SpecSlicer(Set.of("Nope"), "Partoo").slice(YAML.readTree(BUNDLE)))
        .isInstanceOf(SpecException.class)
        .hasMessage("no operation of the spec has a tag or operationId among [Nope]");
  }

  @Test
  void failsWhenAKeptOperationReferencesAMissingComponent() throws Exception {
    String dangling = BUNDLE.replace("'#/components/schemas/Token'", "'#/components/schemas/Gone'");

    assertThatThrownBy(() -> new SpecSlicer(Set.of("Connection Tokens"), "Partoo").slice(YAML.readTree(dangling)))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("#/components/schemas/Gone");
  }

  private static java.util.List<String> iterableNames(JsonNode node) {
    java.util.List<String> names = new java.util.ArrayList<>();
    node.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }
}
