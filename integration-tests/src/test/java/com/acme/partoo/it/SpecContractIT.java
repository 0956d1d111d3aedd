package com.acme.partoo.it;

import static com.acme.partoo.it.support.Stubs.check;
import static com.acme.partoo.it.support.Stubs.generate;
import static com.acme.partoo.it.support.Stubs.htmlError;
import static com.acme.partoo.it.support.Stubs.tokenIssued;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.partoo.it.support.SpecContract;
import com.acme.partoo.it.support.Stubs;
import com.acme.partoo.it.support.TestSecrets;
import com.acme.partoo.it.support.WireMockPartoo;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.RetryPolicy;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import io.swagger.v3.oas.models.media.Schema;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract check itself: a stub or a request that breaks the spec is reported and fails the test that made it,
 * and statuses the spec does not document are left alone (see {@link SpecContract} for why).
 */
class SpecContractIT {

  private static final MediaType JSON = MediaType.get("application/json");

  @RegisterExtension
  static final WireMockPartoo partoo = new WireMockPartoo();

  @TempDir Path dir;

  @Test
  void stubThatViolatesTheSpecFailsTheTestThatUsesIt() {
    // The spec says token is a string; a stub answering a number has drifted.
    partoo.server().stubFor(generate().willReturn(okJson(
        "{\"token\": 4211, \"expiration_date\": \"2026-03-02T11:00:00.123456+02:00\"}")));

    partoo.client().connectionTokens().generate("42");

    assertThatThrownBy(partoo::verifyContract)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("validation.response.body.schema.type")
        .hasMessageContaining("/token");
    // Declared, so this test (which proves the failure above) passes; any other test with such a stub fails.
    partoo.expectSpecViolation("validation.response.body.schema.type");
  }

  @Test
  void errorBodyThatDriftsFromTheSpecIsReported() throws IOException {
    SpecContract contract = SpecContract.of(fixture("3.1.0", "{type: string}", "{type: string}"));

    // The fixture's 404, like Partoo's, has errors.json a string (it is an object only for 400).
    assertThat(contract.violations(checkRequest(),
        answer(404, "application/json", "{\"errors\": {\"json\": {\"user_id\": \"unknown\"}}}")))
        .singleElement().asString().contains("validation.response.body.schema.type").contains("/errors/json");
  }

  @Test
  void documentedStatusWithAnHtmlBodyIsReported() throws IOException {
    SpecContract contract = SpecContract.of(fixture("3.1.0", "{type: string}", "{type: string}"));

    assertThat(contract.violations(checkRequest(), answer(401, "text/html", Stubs.HTML_BAD_GATEWAY)))
        .singleElement().asString().contains("validation.response.contentType.notAllowed");
  }

  @Test
  void undocumentedStatusesAreNotHeldToTheSpec() throws IOException {
    SpecContract contract = SpecContract.of(fixture("3.1.0", "{type: string}", "{type: string}"));

    assertThat(contract.violations(checkRequest(), answer(502, "text/html", Stubs.HTML_BAD_GATEWAY))).isEmpty();
    assertThat(contract.violations(checkRequest(), answer(429, "text/plain", ""))).isEmpty();
    assertThat(contract.violations(checkRequest(), answer(503, "application/json", "{\"unlike\": [\"any\"]}")))
        .isEmpty();
  }

  @Test
  void retriedUndocumentedStatusesPassTheContractCheckOfTheSuite() {
    partoo.stubSequence(() -> generate(), htmlError(502), serviceUnavailable(),
        aResponse().withStatus(429).withHeader("Retry-After", "1"), tokenIssued(TestSecrets.TOKEN));

    partoo.build(partoo.clientBuilder().retryPolicy(RetryPolicy.builder().maxAttempts(4).build()))
        .connectionTokens().generate("42");

    assertThat(partoo.specViolations()).isEmpty();
  }

  @Test
  void requestWithoutTheApiKeyIsReported() throws IOException {
    partoo.server().stubFor(generate().willReturn(tokenIssued(TestSecrets.TOKEN)));

    send(new Request.Builder().url(partoo.baseUrl() + "/connection/generate_token")
        .post(RequestBody.create("{\"user_id\": \"42\"}", JSON)));

    assertThat(partoo.specViolations()).singleElement().asString().contains("validation.request.security.missing");
    partoo.expectSpecViolation("validation.request.security.missing");
  }

  @Test
  void requestAboveTheTtlMaximumIsReported() throws IOException {
    partoo.server().stubFor(generate().willReturn(tokenIssued(TestSecrets.TOKEN)));

    send(new Request.Builder().url(partoo.baseUrl() + "/connection/generate_token")
        .header("x-APIKey", TestSecrets.API_KEY)
        .post(RequestBody.create("{\"user_id\": \"42\", \"ttl\": 90000}", JSON)));

    assertThat(partoo.specViolations()).singleElement().asString()
        .contains("validation.request.body.schema.maximum");
    partoo.expectSpecViolation("validation.request.body.schema.maximum");
  }

  @Test
  void checkWithoutItsRequiredTokenParameterIsReported() throws IOException {
    partoo.server().stubFor(check().willReturn(okJson("{\"status\": \"valid\"}")));

    send(new Request.Builder().url(partoo.baseUrl() + "/connection/check_token?user_id=42")
        .header("x-APIKey", TestSecrets.API_KEY));

    assertThat(partoo.specViolations()).singleElement().asString()
        .contains("validation.request.parameter.query.missing");
    partoo.expectSpecViolation("validation.request.parameter.query.missing");
  }

  @Test
  void requestOutsideTheBasePathIsReported() throws IOException {
    send(new Request.Builder().url(partoo.baseUrl().replace(SpecContract.BASE_PATH, "/elsewhere")
        + "/connection/generate_token")
        .header("x-APIKey", TestSecrets.API_KEY)
        .post(RequestBody.create("{\"user_id\": \"42\"}", JSON)));

    assertThat(partoo.specViolations()).singleElement().asString()
        .contains("is not under the base path " + SpecContract.BASE_PATH);
    partoo.expectSpecViolation("is not under the base path");
  }

  @Test
  void clientClampsTtlToTheSpecsMaximum() {
    Schema<?> body = SpecContract.load().model().getPaths().get("/connection/generate_token").getPost()
        .getRequestBody().getContent().entrySet().stream()
        .filter(media -> media.getKey().startsWith("application/json"))
        .findFirst().orElseThrow().getValue().getSchema();
    Schema<?> ttl = body.getProperties().get("ttl");

    assertThat(ttl.getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(ConnectionTokens.MAX_TTL.getSeconds()));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{type: [string, integer]}", "{const: abc}", "{type: array, prefixItems: [{type: string}]}",
      "{type: integer, exclusiveMaximum: 10}"})
  void refusesASpecUsingThreeOneConstructsTheValidatorWouldSkip(String generatedBy) throws IOException {
    Path spec = fixture("3.1.0", generatedBy, "{type: string}");

    assertThatIllegalStateException()
        .isThrownBy(() -> SpecContract.of(spec))
        .withMessageContaining("swagger-request-validator 2.x would silently skip");
  }

  @ParameterizedTest(name = "OpenAPI {0}")
  @CsvSource(delimiter = '|', value = {
      "3.0.3 | {type: string, format: date-time, nullable: true}",
      "3.1.0 | {type: [string, 'null'], format: date-time}"})
  void aNullIsReportedUnlessTheSpecAllowsItInEitherOpenApiVersion(String version, String consumptionDate)
      throws IOException {
    SpecContract contract = SpecContract.of(fixture(version, "{type: string}", consumptionDate));

    assertThat(contract.violations(checkRequest(), checkAnswer("{\"consumption_date\": null}"))).isEmpty();
    assertThat(contract.violations(checkRequest(), checkAnswer("{\"generated_by\": null}"))).singleElement()
        .asString().contains("validation.response.body.schema.type").contains("/generated_by");
    assertThat(contract.violations(checkRequest(), checkAnswer("{\"consumption_date\": \"soon\"}")))
        .singleElement().asString().contains("validation.response.body.schema.format.date-time");
  }

  /**
   * A bundle of the test's own, in OpenAPI {@code version}: check_token documenting 200 (two fields, their schemas in
   * flow YAML), 401 and 404 (Partoo's error bodies).
   */
  private Path fixture(String version, String generatedBy, String consumptionDate) throws IOException {
    String yaml = """
        openapi: %s
        info: {title: A bundle of the test's own, version: v2}
        servers: [{url: 'https://api.partoo.co/v2', description: Production}]
        security: [{ApiKeyAuth: []}]
        paths:
          /connection/check_token:
            get:
              tags: [Connection Tokens]
              operationId: checkConnectionToken
              parameters:
                - {name: user_id, in: query, required: true, schema: {type: string}}
                - {name: token, in: query, required: true, schema: {type: string}}
              responses:
                '200':
                  description: OK
                  content:
                    application/json:
                      schema:
                        type: object
                        properties:
                          generated_by: %s
                          consumption_date: %s
                '401':
                  description: Not authenticated
                  content:
                    application/json:
                      schema: {type: object, properties: {errors: {properties: {authentication: {type: string}}}}}
                '404':
                  description: Resource does not exist
                  content:
                    application/json:
                      schema: {type: object, properties: {errors: {properties: {json: {type: string}}}}}
        components:
          securitySchemes:
            ApiKeyAuth: {type: apiKey, in: header, name: x-APIKey}
        """.formatted(version, generatedBy, consumptionDate);
    return Files.writeString(dir.resolve("openapi-" + version + ".yaml"), yaml);
  }

  private static com.atlassian.oai.validator.model.Request checkRequest() {
    return new SimpleRequest.Builder("GET", "/connection/check_token")
        .withQueryParam("user_id", "42")
        .withQueryParam("token", "t")
        .withHeader("x-APIKey", "a-key-of-the-fixture")
        .build();
  }

  private static SimpleResponse checkAnswer(String body) {
    return answer(200, "application/json", body);
  }

  private static SimpleResponse answer(int status, String contentType, String body) {
    return new SimpleResponse.Builder(status).withContentType(contentType).withBody(body).build();
  }

  private static void send(Request.Builder request) throws IOException {
    OkHttpClient okHttp = partoo.track(new OkHttpClient());
    try (Response response = okHttp.newCall(request.build()).execute()) {
      assertThat(response.code()).isPositive();
    }
  }
}
