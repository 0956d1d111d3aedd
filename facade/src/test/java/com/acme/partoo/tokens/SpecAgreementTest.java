package com.acme.partoo.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.acme.partoo.spec.Bundle;
import com.acme.partoo.spec.Servers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The facade's TTL limits and environments against the vendor spec the client is generated from
 * ({@code -Dpartoo.openapi.spec}, which the build passes; {@code ../openapi/openapi.yaml} otherwise): a new bundle that
 * changes the limits fails the build here, and the environments must be the bundle's servers, whatever they are.
 */
class SpecAgreementTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  @Test
  void generateTtlMaximumInTheSpecIsMaxTtl() throws IOException {
    JsonNode ttl = generateTtlSchema(readSpec());

    assertThat(ttl.path("maximum").isIntegralNumber()).as("ttl has an integer maximum").isTrue();
    assertThat(ttl.path("maximum").asLong())
        .as("the spec's ttl.maximum, against ConnectionTokens.MAX_TTL: change MAX_TTL (and its docs) to agree")
        .isEqualTo(ConnectionTokens.MAX_TTL.getSeconds());
  }

  @Test
  void generateTtlDefaultInTheSpecIsDefaultTtl() throws IOException {
    JsonNode ttl = generateTtlSchema(readSpec());

    assertThat(ttl.path("default").asLong())
        .as("the spec's ttl.default, against ConnectionTokens.DEFAULT_TTL: change DEFAULT_TTL (and its docs) to agree")
        .isEqualTo(ConnectionTokens.DEFAULT_TTL.getSeconds());
  }

  @Test
  void environmentsAreTheBundlesProductionAndSandboxServers() {
    Servers servers = Servers.of(Bundle.read(specPath()));

    assertThat(PartooEnvironment.PRODUCTION.apiBaseUrl()).hasToString(servers.production().orElseThrow());
    servers.sandbox().ifPresentOrElse(
        sandbox -> assertThat(PartooEnvironment.SANDBOX.apiBaseUrl()).hasToString(sandbox),
        () -> assertThatIllegalStateException().isThrownBy(PartooEnvironment.SANDBOX::apiBaseUrl));
  }

  @Test
  void ttlIsFoundThroughRefsAndAllOf() throws IOException {
    JsonNode spec = YAML.readTree("""
        paths:
          /connection/generate_token:
            $ref: '#/components/pathItems/generate'
        components:
          pathItems:
            generate:
              post:
                operationId: generateConnectionToken
                requestBody:
                  $ref: '#/components/requestBodies/Generate'
          requestBodies:
            Generate:
              content:
                application/json:
                  schema:
                    $ref: '#/components/schemas/GenerateRequest'
          schemas:
            GenerateRequest:
              allOf:
                - $ref: '#/components/schemas/WithUser'
                - properties:
                    ttl:
                      $ref: '#/components/schemas/Ttl'
            WithUser:
              properties:
                user_id: {type: string}
            Ttl:
              type: integer
              maximum: 3600
        """);

    assertThat(generateTtlSchema(spec).path("maximum").asLong()).isEqualTo(3600);
  }

  private static JsonNode readSpec() throws IOException {
    return YAML.readTree(Files.readString(specPath()));
  }

  private static Path specPath() {
    String configured = System.getProperty("partoo.openapi.spec");
    Path root = Path.of(System.getProperty("partoo.root", ".."));
    Path path = root.resolve(configured == null || configured.isBlank() ? "openapi/openapi.yaml" : configured);
    assertThat(path).as("the OpenAPI spec").isRegularFile();
    return path;
  }

  /** The {@code ttl} property of generateConnectionToken's JSON request body, wherever its $refs lead. */
  private static JsonNode generateTtlSchema(JsonNode spec) {
    JsonNode operation = operation(spec, "generateConnectionToken");
    JsonNode content = resolve(spec, operation.path("requestBody")).path("content");
    JsonNode schema = resolve(spec, content.path("application/json").path("schema"));
    JsonNode ttl = property(spec, schema, "ttl");
    assertThat(ttl.isMissingNode()).as("generateConnectionToken's request body has a ttl property").isFalse();
    return ttl;
  }

  private static JsonNode operation(JsonNode spec, String operationId) {
    for (JsonNode pathItem : spec.path("paths")) {
      JsonNode resolved = resolve(spec, pathItem);
      for (String method : METHODS) {
        JsonNode operation = resolved.path(method);
        if (operationId.equals(operation.path("operationId").asText())) {
          return operation;
        }
      }
    }
    throw new AssertionError("no operation " + operationId + " in the spec");
  }

  /** {@code name} in the schema's properties, or in those of any schema it combines with allOf. */
  private static JsonNode property(JsonNode spec, JsonNode schema, String name) {
    JsonNode direct = schema.path("properties").path(name);
    if (!direct.isMissingNode()) {
      return resolve(spec, direct);
    }
    for (JsonNode part : schema.path("allOf")) {
      JsonNode found = property(spec, resolve(spec, part), name);
      if (!found.isMissingNode()) {
        return found;
      }
    }
    return direct;
  }

  /** Follows local {@code $ref}s ({@code #/a/b}) until a node without one. */
  private static JsonNode resolve(JsonNode spec, JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref"); hops++) {
      String ref = current.get("$ref").asText();
      assertThat(ref).as("a local $ref").startsWith("#/");
      assertThat(hops).as("$ref hops from " + ref).isLessThan(32);
      current = spec.at(ref.substring(1));
      assertThat(current.isMissingNode()).as("%s resolves", ref).isFalse();
    }
    return current;
  }
}
