package com.acme.partoo.mock;

import static com.acme.partoo.mock.PartooAssertions.FORBIDDEN;
import static com.acme.partoo.mock.PartooAssertions.NOT_FOUND;
import static com.acme.partoo.mock.PartooAssertions.UNAUTHENTICATED;
import static com.acme.partoo.mock.PartooAssertions.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Authentication and WRITE access, the same for the three operations, and the order the checks run in. */
class AccessRulesTest {

  private static final String KEY = DefaultFixture.API_KEY;
  private static final String OTHER_KEY = "second-key-owned-by-a-group-manager";

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.using(FakePartoo.builder()
      .defaultFixture()
      .user("group-manager", Role.GROUP_MANAGER)
      .apiKey(OTHER_KEY, "group-manager", DefaultFixture.NO_ACCESS_USER_ID, DefaultFixture.USER_ID));

  private static final PartooHttp HTTP = new PartooHttp(PARTOO);

  /** Each operation, sent with a key for a user; check and revoke use a token that does not exist. */
  enum Operation {
    GENERATE {
      @Override
      HttpResponse<String> send(String apiKey, String userId) {
        return HTTP.generate(apiKey, "{\"user_id\": \"" + userId + "\"}");
      }
    },
    CHECK {
      @Override
      HttpResponse<String> send(String apiKey, String userId) {
        return HTTP.check(apiKey, userId, "\\xnone");
      }
    },
    REVOKE {
      @Override
      HttpResponse<String> send(String apiKey, String userId) {
        return HTTP.revoke(apiKey, userId, "\\xnone");
      }
    };

    abstract HttpResponse<String> send(String apiKey, String userId);
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void missingApiKeyIsNotAuthenticated(Operation operation) {
    assertAnswer(operation.send(null, DefaultFixture.USER_ID), 401, UNAUTHENTICATED);
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void unknownOrEmptyApiKeyIsNotAuthenticated(Operation operation) {
    assertAnswer(operation.send("not-a-key", DefaultFixture.USER_ID), 401, UNAUTHENTICATED);
    assertAnswer(operation.send("", DefaultFixture.USER_ID), 401, UNAUTHENTICATED);
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void authenticationIsCheckedBeforeTheRequestFields(Operation operation) {
    assertAnswer(operation.send("not-a-key", ""), 401, UNAUTHENTICATED);
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void requestFieldsAreCheckedBeforeTheUserExists(Operation operation) {
    assertThat(operation.send(KEY, " ").statusCode()).isEqualTo(400);
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void unknownUserIsNotFound(Operation operation) {
    assertAnswer(operation.send(KEY, "nobody"), 404, NOT_FOUND);
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void userTheKeyHasNoWriteAccessToIsForbidden(Operation operation) {
    assertAnswer(operation.send(KEY, DefaultFixture.NO_ACCESS_USER_ID), 403, FORBIDDEN);
  }

  @ParameterizedTest
  @EnumSource(Operation.class)
  void theKeysOwnOwnerNeedsWriteAccessLikeAnyoneElse(Operation operation) {
    assertAnswer(operation.send(KEY, DefaultFixture.OWNER_USER_ID), 403, FORBIDDEN);
  }

  @Test
  void tokenCannotBeGeneratedForAProvider() {
    assertAnswer(Operation.GENERATE.send(KEY, DefaultFixture.PROVIDER_USER_ID), 403, FORBIDDEN);
  }

  @Test
  void providersTokensCanStillBeCheckedAndRevokedWithWriteAccess() {
    assertAnswer(Operation.CHECK.send(KEY, DefaultFixture.PROVIDER_USER_ID), 404, NOT_FOUND);
    assertAnswer(Operation.REVOKE.send(KEY, DefaultFixture.PROVIDER_USER_ID), 404, NOT_FOUND);
  }

  @Test
  void eachKeyActsWithItsOwnersAccessAndIsReportedAsGenerator() {
    HttpResponse<String> generated = Operation.GENERATE.send(OTHER_KEY, DefaultFixture.NO_ACCESS_USER_ID);
    String token = PartooHttp.json(generated).get("token").asText();

    assertThat(PartooHttp.json(HTTP.check(OTHER_KEY, DefaultFixture.NO_ACCESS_USER_ID, token))
        .get("generated_by").asText()).isEqualTo("group-manager");
    assertAnswer(HTTP.check(KEY, DefaultFixture.NO_ACCESS_USER_ID, token), 403, FORBIDDEN);
  }

  @Test
  void apiKeyHeaderNameIsCaseInsensitive() {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(PARTOO.baseUrl() + "/connection/generate_token"))
        .header("X-APIKEY", KEY)
        .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\": \"" + DefaultFixture.USER_ID + "\"}"));

    assertThat(HTTP.send(request).statusCode()).isEqualTo(200);
  }
}
