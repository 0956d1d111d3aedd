package com.acme.partoo.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SpecSlicerTest {

  private static final String BUNDLE = """
      openapi: 3.1.0
      info: {title: t, version: v2}
      security: [{ApiKeyAuth: []}]
      tags: [{name: Connection Tokens}, {name: Businesses}]
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
              '404':
                description: none
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Error'}
      components:
        schemas:
          Request:
            type: object
            properties:
              user_id: {$ref: '#/components/schemas/UserId'}
              address: {$ref: '#/components/schemas/Address'}
          UserId: {type: string}
          Address: {type: object, properties: {city: {type: string}}}
          Token: {type: object, properties: {token: {type: string}, status: {$ref: '#/components/schemas/Status'}}}
          Status: {type: string, enum: [valid, expired]}
          Broken: {type: 'integer / null'}
          Error: {type: object}
          Pet:
            oneOf: [{$ref: '#/components/schemas/Cat'}]
            discriminator: {propertyName: kind, mapping: {cat: Cat, dog: '#/components/schemas/Dog'}}
          Cat: {type: object}
          Dog: {type: object}
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
  void keepsSelectedOperationsAndTheComponentsTheyReferenceTransitively() throws Exception {
    SpecSlicer.Slice slice = slicer("Connection Tokens").slice(Bundle.YAML.readTree(BUNDLE));

    assertThat(slice.operationIds()).containsExactly("generateConnectionToken");
    JsonNode spec = slice.spec();
    assertThat(spec.path("paths").has("/businesses")).isFalse();
    // Request and Token are inlined; Address is an object reached through Request, so it stays a component.
    assertThat(names(spec.path("components").path("schemas"))).containsExactly("Address");
    assertThat(spec.path("components").path("securitySchemes").has("ApiKeyAuth")).isTrue();
  }

  @Test
  void selectsByOperationIdToo() throws Exception {
    SpecSlicer.Slice slice = slicer("searchBusinesses").slice(Bundle.YAML.readTree(BUNDLE));

    assertThat(slice.operationIds()).containsExactly("searchBusinesses");
  }

  @Test
  void retagsSelectedOperationsAndDropsErrorBodies() throws Exception {
    JsonNode op = slicer("generateConnectionToken").slice(Bundle.YAML.readTree(BUNDLE))
        .spec().path("paths").path("/connection/generate_token").path("post");

    assertThat(op.path("tags").toString()).isEqualTo("[\"Partoo\"]");
    assertThat(op.path("responses").path("400").has("content")).isFalse();
    assertThat(op.path("responses").path("400").has("$ref")).isFalse();
    assertThat(op.path("responses").path("200").has("content")).isTrue();
  }

  @Test
  void inlinesTheBodiesOfSelectedOperationsSoModelNamesDeriveFromTheOperationId() throws Exception {
    JsonNode op = slicer("Connection Tokens").slice(Bundle.YAML.readTree(BUNDLE))
        .spec().path("paths").path("/connection/generate_token").path("post");

    JsonNode request = op.at("/requestBody/content/application~1json/schema");
    assertThat(request.has("$ref")).isFalse();
    assertThat(request.at("/properties/user_id/type").asText()).isEqualTo("string");
    assertThat(request.at("/properties/address/$ref").asText()).isEqualTo("#/components/schemas/Address");
    JsonNode response = op.at("/responses/200/content/application~1json/schema");
    assertThat(response.at("/properties/status/enum").toString()).isEqualTo("[\"valid\",\"expired\"]");
  }

  @Test
  void keepsEveryOperationWithItsVendorTagsWhenAskedForAll() throws Exception {
    SpecSlicer.Slice slice = new SpecSlicer(Set.of("Connection Tokens"), "Partoo", true)
        .slice(Bundle.YAML.readTree(BUNDLE));

    assertThat(slice.operationIds()).containsExactly("generateConnectionToken", "searchBusinesses");
    JsonNode spec = slice.spec();
    assertThat(spec.at("/paths/~1businesses/get/tags").toString()).isEqualTo("[\"Businesses\"]");
    assertThat(spec.at("/paths/~1businesses/get/responses/200/content/application~1json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/Broken");
    assertThat(spec.at("/paths/~1businesses/get/responses/404").has("content")).isFalse();
    assertThat(names(spec.path("components").path("schemas"))).contains("Broken").doesNotContain("Error", "Pet");
    assertThat(spec.path("tags").findValuesAsText("name")).containsExactly("Connection Tokens", "Businesses", "Partoo");
  }

  @Test
  void followsDiscriminatorMappingsAsReferences() throws Exception {
    String bundle = BUNDLE.replace("'#/components/schemas/Broken'", "'#/components/schemas/Pet'");

    SpecSlicer.Slice slice = new SpecSlicer(Set.of("Connection Tokens"), "Partoo", true)
        .slice(Bundle.YAML.readTree(bundle));

    assertThat(names(slice.spec().path("components").path("schemas"))).contains("Pet", "Cat", "Dog");
    assertThat(slice.keptPointers()).contains("#/paths/~1businesses/get", "#/components/schemas/Dog");
  }

  @Test
  void failsWithOneLineWhenNothingMatches() {
    assertThatThrownBy(() -> slicer("Nope").slice(Bundle.YAML.readTree(BUNDLE)))
        .isInstanceOf(SpecException.class)
        .hasMessage("no operation of the spec has a tag or operationId among [Nope]");
  }

  @Test
  void failsNamingTheOperationWhenItReferencesAMissingComponent() throws Exception {
    String dangling = BUNDLE.replace("'#/components/schemas/Token'", "'#/components/schemas/Gone'");

    assertThatThrownBy(() -> slicer("Connection Tokens").slice(Bundle.YAML.readTree(dangling)))
        .isInstanceOf(SpecException.class)
        .hasMessage("generateConnectionToken references #/components/schemas/Gone, which the spec lacks");
  }

  @Test
  void failsNamingTheReferrerWhenAKeptComponentReferencesAMissingOne() throws Exception {
    String dangling = BUNDLE.replace("city: {type: string}", "city: {$ref: '#/components/schemas/City'}");

    assertThatThrownBy(() -> slicer("Connection Tokens").slice(Bundle.YAML.readTree(dangling)))
        .isInstanceOf(SpecException.class)
        .hasMessage("Address references #/components/schemas/City, which the spec lacks");
  }

  private static SpecSlicer slicer(String selector) {
    return new SpecSlicer(Set.of(selector), "Partoo");
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }
}
