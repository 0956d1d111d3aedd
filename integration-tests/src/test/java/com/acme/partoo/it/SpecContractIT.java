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

import com.acme.partoo.it.support.Failures;
import com.acme.partoo.it.support.SpecContract;
import com.acme.partoo.it.support.TestSecrets;
import com.acme.partoo.it.support.WireMockPartoo;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.NotFoundException;
import com.acme.partoo.tokens.RetryPolicy;
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

/**
 * The contract check itself: a stub or a request that breaks the spec is reported and fails the test that made it,
 * and statuses the spec does not document are left alone (see {@link SpecContract} for why).
 */
class SpecContractIT {

  private static final MediaType JSON = MediaType.get("application/json");

  @RegisterExtension
  static final WireMockPartoo partoo = new WireMockPartoo();

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
  void errorBodyThatDriftsFromTheSpecIsReported() {
    // 404's errors.json is a string in the spec (it is an object only for 400).
    partoo.server().stubFor(check().willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\": {\"json\": {\"user_id\": \"unknown\"}}}")));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    assertThat(Failures.partooFailure(() -> tokens.check("42", TestSecrets.TOKEN)))
        .isInstanceOf(NotFoundException.class);

    assertThat(partoo.specViolations()).singleElement().asString()
        .contains("validation.response.body.schema.type").contains("/errors/json");
    partoo.expectSpecViolation("validation.response.body.schema.type");
  }

  @Test
  void documentedStatusWithAnHtmlBodyIsReported() {
    partoo.server().stubFor(generate().willReturn(htmlError(401)));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    Failures.partooFailure(() -> tokens.generate("42"));

    assertThat(partoo.specViolations()).singleElement().asString()
        .contains("validation.response.contentType.notAllowed");
    partoo.expectSpecViolation("validation.response.contentType.notAllowed");
  }

  @Test
  void undocumentedStatusesAreNotHeldToTheSpec() {
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
    send(new Request.Builder().url(partoo.baseUrl().replace("/v2", "") + "/connection/generate_token")
        .header("x-APIKey", TestSecrets.API_KEY)
        .post(RequestBody.create("{\"user_id\": \"42\"}", JSON)));

    assertThat(partoo.specViolations()).singleElement().asString().contains("is not under the base path /v2");
    partoo.expectSpecViolation("is not under the base path");
  }

  @Test
  void clientClampsTtlToTheSpecsMaximum() {
    Schema<?> body = SpecContract.load().model().getPaths().get("/connection/generate_token").getPost()
        .getRequestBody().getContent().get("application/json").getSchema();
    Schema<?> ttl = body.getProperties().get("ttl");

    assertThat(ttl.getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(ConnectionTokens.MAX_TTL.getSeconds()));
  }

  @Test
  void refusesASpecUsingThreeOneConstructsTheValidatorWouldSkip(@TempDir Path dir) throws IOException {
    String spec = Files.readString(SpecContract.specPath())
        .replaceFirst("(?m)^(\\s+user_id:\\n\\s+)\\$ref: '#/components/schemas/UserId'",
            "$1type: [string, 'null']");
    assertThat(spec).as("the edit applied").contains("type: [string, 'null']");
    Path edited = Files.writeString(dir.resolve("openapi.yaml"), spec);

    assertThatIllegalStateException()
        .isThrownBy(() -> SpecContract.of(edited))
        .withMessageContaining("type array");
  }

  private static void send(Request.Builder request) throws IOException {
    OkHttpClient okHttp = partoo.track(new OkHttpClient());
    try (Response response = okHttp.newCall(request.build()).execute()) {
      assertThat(response.code()).isPositive();
    }
  }
}
