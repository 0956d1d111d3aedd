package com.acme.partoo.spec;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.spec.FacadeAssumptions.Outcome;
import com.acme.partoo.spec.FacadeAssumptions.Status;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the guard reports vendor changes: one broken assumption per change, in one line that names it. */
class FacadeAssumptionsTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fixtures/partoo-bundle-messy.yaml", "fixtures/partoo-bundle-openapi-3.0.yaml",
      "fixtures/partoo-servers-moved.yaml"})
  void everyAssumptionHoldsInTheFixturesThatMustDropIn(String fixture) {
    assertThat(FacadeAssumptions.check(Bundle.read(Path.of(fixture))))
        .isNotEmpty()
        .allSatisfy(outcome -> assertThat(outcome.status()).as(outcome.line()).isEqualTo(Status.HOLDS));
  }

  @Test
  void theChangedFixtureBreaksExactlyTheTtlMaximum() {
    assertThat(broken(Bundle.read(Path.of("fixtures/partoo-ttl-maximum-changed.yaml"))))
        .containsExactly("Facade assumption broken: generateConnectionToken request field ttl has maximum 86400"
            + " (the facade clamps longer TTLs to it); the bundle says maximum 43200");
  }

  @Test
  void aRenamedResponseFieldBreaksTheAssumptionAboutThatField() {
    List<String> broken = broken(edited(yaml -> yaml.replaceFirst("expiration_date:", "expires_at:")));

    assertThat(broken).containsExactly("Facade assumption broken: generateConnectionToken 200 response has field"
        + " expiration_date, a date-time string; the bundle's 200 response has no field expiration_date"
        + " (it has token, expires_at)");
  }

  @Test
  void aMissingOperationIsOneBrokenAssumptionAndTheRestOfItsAssumptionsAreNotChecked() {
    Bundle bundle = edited(yaml -> yaml.replace("operationId: revokeConnectionToken", "operationId: revokeToken"));

    assertThat(broken(bundle)).containsExactly("Facade assumption broken: revokeConnectionToken is POST"
        + " /connection/revoke_token; the bundle has no operation revokeConnectionToken"
        + " (POST /connection/revoke_token is now operationId 'revokeToken')");
    assertThat(FacadeAssumptions.check(bundle)).filteredOn(o -> o.status() == Status.NOT_CHECKED)
        .extracting(Outcome::detail).containsOnly("revokeConnectionToken is missing").hasSize(4);
  }

  @Test
  void aMovedOperationSaysWhereItIsNow() {
    assertThat(broken(edited(yaml -> yaml.replace("/connection/check_token:", "/connection/token/check:"))))
        .containsExactly("Facade assumption broken: checkConnectionToken is GET /connection/check_token;"
            + " the bundle has it as GET /connection/token/check");
  }

  @Test
  void aRemovedStatusValueBreaksTheStatusAssumption() {
    assertThat(broken(edited(yaml -> yaml.replaceFirst("\n *- expired\n", "\n"))))
        .containsExactly("Facade assumption broken: checkConnectionToken response field status has the values"
            + " valid, consumed, revoked, expired; the bundle lacks expired (it has [valid, consumed, revoked])");
  }

  @Test
  void anAddedStatusValueIsFine() {
    assertThat(broken(edited(yaml -> yaml.replaceFirst("( *)- expired\n", "$1- expired\n$1- pending\n"))))
        .isEmpty();
  }

  @Test
  void aNewRequiredRequestFieldBreaksTheRequiredFieldsAssumption() {
    assertThat(broken(edited(yaml -> yaml.replaceFirst("- user_id\n", "- user_id\n                - ttl\n"))))
        .containsExactly("Facade assumption broken: generateConnectionToken request requires no field but user_id"
            + " (the facade sends ttl only when asked to); the bundle requires [ttl, user_id]");
  }

  @Test
  void aChangedTypeOrFormatBreaksTheFieldAssumption() {
    assertThat(broken(edited(yaml -> yaml.replaceFirst("type: integer", "type: string"))))
        .containsExactly("Facade assumption broken: generateConnectionToken request has field ttl, an integer;"
            + " the bundle types it string");
    assertThat(broken(edited(yaml -> yaml.replaceFirst("format: date-time", "format: date"))))
        .containsExactly("Facade assumption broken: generateConnectionToken 200 response has field expiration_date,"
            + " a date-time string; the bundle gives it format date");
  }

  @Test
  void anOptionalQueryParameterBreaksItsAssumption() {
    assertThat(broken(edited(yaml -> yaml.replaceFirst("in: query\n          required: true", "in: query"))))
        .containsExactly("Facade assumption broken: checkConnectionToken takes query parameter user_id, a required"
            + " string; the bundle makes it optional");
  }

  @Test
  void aRenamedApiKeyHeaderBreaksTheSecurityAssumption() {
    assertThat(broken(edited(yaml -> yaml.replace("name: x-APIKey", "name: Authorization"))))
        .containsExactly("Facade assumption broken: the connection-token operations authenticate with the API key"
            + " header x-APIKey; no apiKey scheme named x-APIKey in the header secures generateConnectionToken,"
            + " checkConnectionToken, revokeConnectionToken");
  }

  @Test
  void anExclusiveTtlMaximumBreaksTheTtlAssumptionInEitherOpenApiVersion() {
    String line = "Facade assumption broken: generateConnectionToken request field ttl has maximum 86400"
        + " (the facade clamps longer TTLs to it); the bundle makes it exclusive (exclusiveMaximum: ";

    assertThat(broken(edited(yaml -> yaml.replace("maximum: 86400\n", "maximum: 86400\n"
        + "                  exclusiveMaximum: true\n")))).containsExactly(line + "true)");
    assertThat(broken(edited(yaml -> yaml.replace("maximum: 86400\n", "maximum: 86400\n"
        + "                  exclusiveMaximum: 86400\n")))).containsExactly(line + "86400)");
    assertThat(broken(edited(yaml -> yaml.replace("maximum: 86400\n", "maximum: 86400\n"
        + "                  exclusiveMaximum: false\n")))).isEmpty();
  }

  @Test
  void movedOrMissingSandboxServersAreFineAndOnlyAMissingProductionServerBreaksTheServersAssumption() {
    assertThat(broken(edited(yaml -> yaml.replace("https://api.sandbox.partoo.co/v2",
        "https://sandbox.api.partoo.co/v2")))).isEmpty();
    assertThat(broken(edited(yaml -> yaml.replaceFirst("(?s)  - url: https://api.sandbox.*?\n(security:)", "$1"))))
        .isEmpty();
    assertThat(broken(edited(yaml -> yaml.replace("description: Production server", "description: Live"))))
        .containsExactly("Facade assumption broken: servers include a production server, an https URL described as"
            + " Production (PartooEnvironment.PRODUCTION); the bundle's servers are [https://api.partoo.co/v2 (Live),"
            + " https://api.sandbox.partoo.co/v2 (Sandbox server (dev environment for clients & partners))]");
  }

  @Test
  void followsReferencesAndAllOfTheWayVendorsRefactorSchemas() {
    Bundle bundle = parse(excerpt());
    ObjectNode root = (ObjectNode) bundle.root();
    ObjectNode media =
        (ObjectNode) root.at("/paths/~1connection~1generate_token/post/requestBody/content/application~1json");
    ObjectNode inline = (ObjectNode) media.get("schema");
    ObjectNode ttlPart = Bundle.YAML.createObjectNode().put("type", "object");
    ttlPart.putObject("properties").set("ttl", ((ObjectNode) inline.get("properties")).remove("ttl"));
    ObjectNode schemas = (ObjectNode) root.at("/components/schemas");
    schemas.putObject("GenerateRequest").putArray("allOf").add(inline).add(ttlPart);
    media.putObject("schema").put("$ref", "#/components/schemas/GenerateRequest");

    assertThat(broken(bundle)).isEmpty();
  }

  private static List<String> broken(Bundle bundle) {
    return FacadeAssumptions.check(bundle).stream()
        .filter(o -> o.status() == Status.BROKEN)
        .map(Outcome::line)
        .toList();
  }

  /** openapi/openapi.yaml as first committed: fixture (2) with its one change undone. */
  private static String excerpt() {
    try {
      return Files.readString(Path.of("fixtures/partoo-ttl-maximum-changed.yaml"))
          .replace("maximum: 43200", "maximum: 86400");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Bundle edited(UnaryOperator<String> edit) {
    String changed = edit.apply(excerpt());
    assertThat(changed).as("the edit applies").isNotEqualTo(excerpt());
    return parse(changed);
  }

  private static Bundle parse(String yaml) {
    try {
      return new Bundle(Bundle.YAML.readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
