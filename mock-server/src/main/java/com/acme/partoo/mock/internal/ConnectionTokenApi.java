package com.acme.partoo.mock.internal;

import com.acme.partoo.mock.Role;
import com.acme.partoo.mock.User;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The three operations of Partoo's "Connection Tokens" tag. Every operation checks, in this order: the API key
 * (401), the request fields (400), that the user exists (404), that the key has WRITE access to it (403), and then
 * what the operation itself requires.
 */
final class ConnectionTokenApi {

  static final String API_KEY_HEADER = "x-APIKey";
  static final String NOT_REVOCABLE = "Token cannot be revoked: it is %s.";

  private final Directory directory;
  private final TokenStore tokens;
  private final Timestamps timestamps;

  ConnectionTokenApi(Directory directory, TokenStore tokens, Timestamps timestamps) {
    this.directory = directory;
    this.tokens = tokens;
    this.timestamps = timestamps;
  }

  /** {@code POST /connection/generate_token}: a new token for {@code user_id}, unless the user is a provider. */
  Answer generate(Request request) {
    ApiKeyGrant grant = authenticate(request);
    JsonNode body = Inputs.jsonObject(request.body());
    Inputs inputs = new Inputs();
    String userId = inputs.requiredString(body, "user_id");
    Duration ttl = inputs.ttl(body);
    inputs.throwIfInvalid();
    User user = writableUser(grant, userId);
    if (user.role() == Role.PROVIDER) {
      throw Rejection.forbidden();
    }
    IssuedToken issued = tokens.issue(userId, grant.ownerId(), ttl);
    ObjectNode answer = JsonNodeFactory.instance.objectNode()
        .put("token", issued.token())
        .put("expiration_date", timestamps.format(issued.expires()));
    return Answer.json(200, answer);
  }

  /** {@code GET /connection/check_token}: the token's dates (no consumption date until it is used) and status. */
  Answer check(Request request) {
    ApiKeyGrant grant = authenticate(request);
    Inputs inputs = new Inputs();
    String userId = inputs.requiredString(request.queryParameter("user_id"), "user_id");
    String token = inputs.requiredString(request.queryParameter("token"), "token");
    inputs.throwIfInvalid();
    writableUser(grant, userId);
    IssuedToken issued = tokens.find(userId, token).orElseThrow(Rejection::notFound);
    ObjectNode answer = JsonNodeFactory.instance.objectNode()
        .put("token", issued.token())
        .put("expiration_date", timestamps.format(issued.expires()))
        .put("generated_by", issued.generatedBy())
        .put("creation_date", timestamps.format(issued.created()));
    // Absent, not null, until the token is used: Partoo's bundle types it a string, and null is none
    // (docs/decisions/0044-the-fake-leaves-consumption-date-out-until-used.md).
    issued.consumption().ifPresent(consumed -> answer.put("consumption_date", timestamps.format(consumed)));
    answer.put("status", issued.status(tokens.now()).wireName());
    return Answer.json(200, answer);
  }

  /** {@code POST /connection/revoke_token}: revokes a token that is still valid; answers {@code {}}. */
  Answer revoke(Request request) {
    ApiKeyGrant grant = authenticate(request);
    JsonNode body = Inputs.jsonObject(request.body());
    Inputs inputs = new Inputs();
    String userId = inputs.requiredString(body, "user_id");
    String token = inputs.requiredString(body, "token");
    inputs.throwIfInvalid();
    writableUser(grant, userId);
    TokenStore.Attempt attempt = tokens.revoke(userId, token).orElseThrow(Rejection::notFound);
    if (!attempt.succeeded()) {
      String message = String.format(NOT_REVOCABLE, attempt.before().wireName());
      throw Rejection.invalid(Map.of("token", List.of(message)));
    }
    return Answer.json(200, JsonNodeFactory.instance.objectNode());
  }

  private ApiKeyGrant authenticate(Request request) {
    return request.header(API_KEY_HEADER).flatMap(directory::grant).orElseThrow(Rejection::unauthenticated);
  }

  private User writableUser(ApiKeyGrant grant, String userId) {
    User user = directory.user(userId).orElseThrow(Rejection::notFound);
    if (!grant.canWrite(userId)) {
      throw Rejection.forbidden();
    }
    return user;
  }
}
