package com.acme.partoo.tokens.internal;

import com.acme.partoo.generated.api.PartooApi;
import com.acme.partoo.generated.model.CheckConnectionTokenResponse;
import com.acme.partoo.generated.model.GenerateConnectionTokenRequest;
import com.acme.partoo.generated.model.GenerateConnectionTokenResponse;
import com.acme.partoo.generated.model.RevokeConnectionTokenRequest;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokenStatus;
import com.acme.partoo.tokens.TokenState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * The only class that touches generated code, and only names derived from operationIds: the three operations of
 * {@code PartooApi}, their request and response models. A vendor bundle that renames anything else cannot break the
 * facade. Retrofit builds each request from the generated interface; the call loop sends it.
 */
final class PartooApiAdapter {

  private final PartooApi api;
  private final Converter<ResponseBody, GenerateConnectionTokenResponse> generated;
  private final ObjectMapper json;

  PartooApiAdapter(Retrofit retrofit, ObjectMapper json) {
    this.api = retrofit.create(PartooApi.class);
    this.generated = retrofit.responseBodyConverter(GenerateConnectionTokenResponse.class, new Annotation[0]);
    this.json = json;
  }

  ApiCall<ConnectionToken> generate(String userId, TtlRule.Resolved ttl) {
    GenerateConnectionTokenRequest body = new GenerateConnectionTokenRequest()
        .userId(userId)
        // Explicitly null when absent: the generated model defaults ttl to the spec's default otherwise.
        .ttl(ttl.secondsToSend());
    Duration effective = ttl.effective();
    return new ApiCall<>(
        new Operation(Operation.Kind.GENERATE, userId, null),
        () -> api.generateConnectionToken(body).request(),
        response -> toToken(generated.convert(nonEmpty(response)), effective),
        null);
  }

  ApiCall<ConnectionTokenStatus> check(String userId, String token) {
    return new ApiCall<>(
        new Operation(Operation.Kind.CHECK, userId, token),
        () -> api.checkConnectionToken(userId, token).request(),
        response -> readStatus(response, token),
        null);
  }

  /**
   * Revoke, made safe to repeat: after an ambiguous failure the token is checked before revoking again, and a token
   * already {@code revoked} means the lost attempt did its job.
   */
  ApiCall<Void> revoke(String userId, String token) {
    RevokeConnectionTokenRequest body = new RevokeConnectionTokenRequest().userId(userId).token(token);
    ApiCall<Boolean> alreadyRevoked = new ApiCall<>(
        new Operation(Operation.Kind.CHECK, userId, token),
        () -> api.checkConnectionToken(userId, token).request(),
        response -> readStatus(response, token).state() == TokenState.REVOKED ? Boolean.TRUE : null,
        null);
    return new ApiCall<>(
        new Operation(Operation.Kind.REVOKE, userId, token),
        () -> api.revokeConnectionToken(body).request(),
        // Partoo answers 200 {}; any 2xx, with or without a body, means the token is revoked.
        response -> null,
        alreadyRevoked);
  }

  private ConnectionTokenStatus readStatus(ResponseBody body, String requestedToken)
      throws IOException, ApiCall.UnusableBodyException {
    // As a tree first: the status is kept as Partoo sent it, also a value the generated enum does not know.
    JsonNode tree = json.readTree(nonEmpty(body).byteStream());
    JsonNode status = tree.path("status");
    if (!status.isTextual()) {
      throw new ApiCall.UnusableBodyException("the field status is missing");
    }
    CheckConnectionTokenResponse response = json.treeToValue(tree, CheckConnectionTokenResponse.class);
    String token = response.getToken() == null || response.getToken().isEmpty() ? requestedToken : response.getToken();
    return new ConnectionTokenStatus(
        token,
        status.asText(),
        instant(response.getExpirationDate()),
        instant(response.getCreationDate()),
        instant(response.getConsumptionDate()),
        response.getGeneratedBy());
  }

  private static ConnectionToken toToken(@Nullable GenerateConnectionTokenResponse response, Duration ttl)
      throws ApiCall.UnusableBodyException {
    if (response == null) {
      throw new ApiCall.UnusableBodyException("an empty body");
    }
    String token = response.getToken();
    if (token == null || token.isEmpty()) {
      throw new ApiCall.UnusableBodyException("the field token is missing or empty");
    }
    Instant expiresAt = instant(response.getExpirationDate());
    if (expiresAt == null) {
      throw new ApiCall.UnusableBodyException("the field expiration_date is missing");
    }
    return new ConnectionToken(token, expiresAt, ttl);
  }

  private static ResponseBody nonEmpty(ResponseBody body) throws ApiCall.UnusableBodyException {
    if (body.contentLength() == 0) {
      throw new ApiCall.UnusableBodyException("an empty body");
    }
    return body;
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime dateTime) {
    return dateTime == null ? null : dateTime.toInstant();
  }
}
