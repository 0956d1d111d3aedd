package com.acme.partoo.tokens.internal;

import com.acme.partoo.generated.api.PartooApi;
import com.acme.partoo.generated.model.CheckConnectionTokenResponse;
import com.acme.partoo.generated.model.GenerateConnectionTokenRequest;
import com.acme.partoo.generated.model.GenerateConnectionTokenResponse;
import com.acme.partoo.generated.model.RevokeConnectionTokenRequest;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokenStatus;
import com.acme.partoo.tokens.TokenState;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;
import retrofit2.Retrofit;

/**
 * The only class that touches generated code, and only names derived from operationIds: the three operations of
 * {@code PartooApi}, their request and response models. A vendor bundle that renames anything else cannot break the
 * facade.
 */
final class PartooApiAdapter {

  private final PartooApi api;

  PartooApiAdapter(Retrofit retrofit) {
    this.api = retrofit.create(PartooApi.class);
  }

  ApiCall<GenerateConnectionTokenResponse, ConnectionToken> generate(String userId, TtlRule.Resolved ttl) {
    GenerateConnectionTokenRequest body = new GenerateConnectionTokenRequest()
        .userId(userId)
        // Explicitly null when absent: the generated model defaults ttl to the spec's default otherwise.
        .ttl(ttl.secondsToSend());
    Duration effective = ttl.effective();
    return new ApiCall<>(
        new Operation(Operation.Kind.GENERATE, userId, null),
        () -> api.generateConnectionToken(body),
        response -> toToken(ApiCall.present(response), effective),
        null);
  }

  ApiCall<CheckConnectionTokenResponse, ConnectionTokenStatus> check(String userId, String token) {
    return new ApiCall<>(
        new Operation(Operation.Kind.CHECK, userId, token),
        () -> api.checkConnectionToken(userId, token),
        response -> toStatus(ApiCall.present(response), token),
        null);
  }

  /**
   * Revoke, with a probe: after an ambiguous failure the token is checked before revoking again, and a token already
   * {@code revoked} means the lost attempt did its job.
   */
  ApiCall<Object, Boolean> revoke(String userId, String token) {
    RevokeConnectionTokenRequest body = new RevokeConnectionTokenRequest().userId(userId).token(token);
    ApiCall<CheckConnectionTokenResponse, Boolean> alreadyRevoked = new ApiCall<>(
        new Operation(Operation.Kind.CHECK, userId, token),
        () -> api.checkConnectionToken(userId, token),
        response -> toStatus(ApiCall.present(response), token).state() == TokenState.REVOKED ? Boolean.TRUE : null,
        null);
    return new ApiCall<>(
        new Operation(Operation.Kind.REVOKE, userId, token),
        () -> api.revokeConnectionToken(body),
        // Partoo answers 200 {}; any 2xx, with or without a body, means the token is revoked.
        response -> Boolean.TRUE,
        alreadyRevoked);
  }

  private static ConnectionToken toToken(GenerateConnectionTokenResponse response, Duration ttl)
      throws ApiCall.UnusableBodyException {
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

  private static ConnectionTokenStatus toStatus(CheckConnectionTokenResponse response, String requestedToken)
      throws ApiCall.UnusableBodyException {
    if (response.getStatus() == null) {
      throw new ApiCall.UnusableBodyException("the field status is missing");
    }
    String token = response.getToken() == null || response.getToken().isEmpty() ? requestedToken : response.getToken();
    return new ConnectionTokenStatus(
        token,
        state(response.getStatus().getValue()),
        instant(response.getExpirationDate()),
        instant(response.getCreationDate()),
        instant(response.getConsumptionDate()),
        response.getGeneratedBy());
  }

  private static TokenState state(String value) {
    return switch (value) {
      case "valid" -> TokenState.VALID;
      case "consumed" -> TokenState.CONSUMED;
      case "revoked" -> TokenState.REVOKED;
      case "expired" -> TokenState.EXPIRED;
      default -> TokenState.UNKNOWN;
    };
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime dateTime) {
    return dateTime == null ? null : dateTime.toInstant();
  }
}
