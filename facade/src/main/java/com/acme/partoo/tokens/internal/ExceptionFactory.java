package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.AuthenticationException;
import com.acme.partoo.tokens.InvalidRequestException;
import com.acme.partoo.tokens.NotFoundException;
import com.acme.partoo.tokens.PartooConnectionException;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.PermissionDeniedException;
import com.acme.partoo.tokens.RateLimitedException;
import com.acme.partoo.tokens.ServerException;
import com.acme.partoo.tokens.UnexpectedResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one place where a failed attempt becomes a typed {@link PartooException} with a message saying what happened
 * and what to do next. Partoo's detail and every message pass through redaction of the token and the API key.
 */
public final class ExceptionFactory {

  private final String baseUrl;
  private final Supplier<@Nullable String> apiKey;

  /**
   * @param baseUrl shown in connection failures, so a wrong URL is obvious
   * @param apiKey the current key, only to redact it should Partoo ever echo it
   */
  public ExceptionFactory(String baseUrl, Supplier<@Nullable String> apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  /**
   * The exception for a failed outcome.
   *
   * @param attempts attempts made so far, this one included
   * @param gaveUp why no further attempt is made although the failure is retryable, or null
   */
  PartooException create(Outcome<?> outcome, Operation operation, int attempts, @Nullable String gaveUp) {
    // The key supplier is asked once per exception, not once per string redacted.
    Redactor redactor = new Redactor(operation.token(), apiKey.get());
    String after = attempts > 1 ? " after " + attempts + " attempts" : "";
    String why = gaveUp == null ? "" : " Gave up: " + gaveUp + ".";
    if (outcome instanceof Outcome.HttpFailure<?> failure) {
      return forStatus(failure, operation, redactor, attempts, after, why);
    }
    if (outcome instanceof Outcome.Unusable<?> unusable) {
      return new UnexpectedResponseException(
          redactor.apply("Partoo answered the request to " + operation.describe() + " with an unusable body: "
              + unusable.problem() + ". Check the base URL (" + baseUrl + "); if it is right, report this to Partoo"
              + " with the request id."),
          unusable.status(), null, unusable.requestId(), attempts, null);
    }
    if (outcome instanceof Outcome.NoAnswer<?> noAnswer) {
      Throwable cause = noAnswer.cause();
      return new PartooConnectionException(
          redactor.apply("No answer from Partoo at " + baseUrl + " to " + operation.describe() + after + " ("
              + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")." + why
              + " Check that this service can reach Partoo and that the base URL is right; retry later."),
          null, null, null, attempts, cause);
    }
    if (outcome instanceof Outcome.NoApiKey<?> noKey) {
      return new AuthenticationException(
          "No usable API key to " + operation.kind().action() + ": " + noKey.problem()
              + ". Nothing was sent. Fix the key (or the key supplier) this client is configured with.",
          null, null, null, attempts, null);
    }
    throw new IllegalArgumentException("not a failure: " + outcome.getClass().getSimpleName());
  }

  private PartooException forStatus(
      Outcome.HttpFailure<?> failure, Operation operation, Redactor redactor, int attempts, String after,
      String why) {
    int status = failure.status();
    ErrorBody body = failure.body();
    String detail = body.partooMessage() == null ? null : ErrorBody.shorten(redactor.apply(body.partooMessage()));
    String answered = "HTTP " + status + (detail != null ? ": " + detail
        : body.description() != null ? ", " + body.description() : "");
    String requestId = failure.requestId();
    String subject = operation.describe();
    String message;
    switch (status) {
      case 400 -> {
        message = "Partoo rejected the request to " + subject + " (" + answered + "). Fix the request; sending it"
            + " again unchanged will not help" + (operation.kind() == Operation.Kind.REVOKE
                ? " (Partoo also answers 400 when the token is no longer valid: consumed, revoked or expired)." : ".");
        return new InvalidRequestException(redactor.apply(message), status, detail, requestId, attempts, null,
            redactor.apply(body.fieldErrors()));
      }
      case 401 -> {
        message = "Partoo did not accept the API key (" + answered + ") when asked to " + subject + ". Check the key"
            + " this client is configured with: it may be wrong, revoked or rotated.";
        return new AuthenticationException(redactor.apply(message), status, detail, requestId, attempts, null);
      }
      case 403 -> {
        message = "Partoo refused to " + subject + " (" + answered + "). The API key's user needs WRITE access on"
            + " user " + operation.userId()
            + (operation.kind() == Operation.Kind.GENERATE
                ? ", and connection tokens cannot be generated for a user with the PROVIDER role." : ".");
        return new PermissionDeniedException(redactor.apply(message), status, detail, requestId, attempts, null);
      }
      case 404 -> {
        message = "Partoo found nothing to " + subject + " (" + answered + "). Check the user id"
            + (operation.kind() == Operation.Kind.GENERATE ? "." : " and that the token was generated for this user.");
        return new NotFoundException(redactor.apply(message), status, detail, requestId, attempts, null);
      }
      case 429 -> {
        message = "Partoo is rate limiting this API key (" + answered + ")" + after + " when asked to " + subject
            + "." + why + " Slow down"
            + (failure.retryAfter() != null ? " and wait at least " + failure.retryAfter().toSeconds() + " s." : ".");
        return new RateLimitedException(redactor.apply(message), status, detail, requestId, attempts, null,
            failure.retryAfter());
      }
      default -> {
        if (status >= 500 && status <= 599) {
          message = "Partoo is unavailable (" + answered + ")" + after + " when asked to " + subject + "." + why
              + " Try again later.";
          return new ServerException(redactor.apply(message), status, detail, requestId, attempts, null);
        }
        message = "Partoo answered " + answered + " to the request to " + subject + ", which its API does not"
            + " document" + (status >= 300 && status < 400
                ? " (redirects are not followed, so the API key never goes to another host)" : "")
            + ". Check the base URL (" + baseUrl + ").";
        return new UnexpectedResponseException(redactor.apply(message), status, detail, requestId, attempts,
            null);
      }
    }
  }

  /** Masks this attempt's token and API key, resolved once, in every text an exception carries. */
  private static final class Redactor {

    private final @Nullable String token;
    private final @Nullable String apiKey;

    Redactor(@Nullable String token, @Nullable String apiKey) {
      this.token = token;
      this.apiKey = apiKey;
    }

    String apply(String text) {
      return Secrets.redact(text, token, apiKey);
    }

    /** Partoo may echo the token in a field's message ({@code "token": ["<token> is not valid"]}). */
    Map<String, List<String>> apply(Map<String, List<String>> fieldErrors) {
      Map<String, List<String>> redacted = new LinkedHashMap<>();
      fieldErrors.forEach((field, messages) -> redacted.put(field, messages.stream().map(this::apply).toList()));
      return redacted;
    }
  }
}
