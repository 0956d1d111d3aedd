package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.AuthenticationException;
import com.acme.partoo.tokens.ClientClosedException;
import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.InvalidRequestException;
import com.acme.partoo.tokens.NotFoundException;
import com.acme.partoo.tokens.PartooConnectionException;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.PartooException.Details;
import com.acme.partoo.tokens.PartooUnavailableException;
import com.acme.partoo.tokens.PermissionDeniedException;
import com.acme.partoo.tokens.RateLimitedException;
import com.acme.partoo.tokens.ServerException;
import com.acme.partoo.tokens.TransportConfigurationException;
import com.acme.partoo.tokens.UnexpectedResponseException;
import java.time.Duration;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.jspecify.annotations.Nullable;

/**
 * The one place where a failed call becomes a typed {@link PartooException} with a message saying what happened and
 * what to do next. Every text it carries (messages, Partoo's detail, field errors, causes) passes through the call's
 * {@link Redactor}.
 */
final class ExceptionFactory {

  private final String baseUrl;
  private final long deadlineMillis;

  /**
   * @param baseUrl shown in connection failures, so a wrong URL is obvious
   * @param deadline the client's deadline per call, for messages
   */
  ExceptionFactory(String baseUrl, Duration deadline) {
    this.baseUrl = baseUrl;
    this.deadlineMillis = deadline.toMillis();
  }

  /**
   * The exception for a failed outcome.
   *
   * @param attempts attempts made so far, this one included
   * @param gaveUp why no further attempt is made although the failure is retryable, or null
   */
  PartooException create(
      Outcome<?> outcome, Operation operation, int attempts, @Nullable String gaveUp, Redactor redactor) {
    String after = attempts > 1 ? " after " + attempts + " attempts" : "";
    String why = gaveUp == null ? "" : " Gave up: " + gaveUp + ".";
    if (outcome instanceof Outcome.HttpFailure<?> failure) {
      return forStatus(failure, operation, redactor, attempts, after, why);
    }
    if (outcome instanceof Outcome.Unusable<?> unusable) {
      return new UnexpectedResponseException(
          redactor.apply("Partoo answered the request to " + operation.describe() + " with HTTP " + unusable.status()
              + " and an unusable body: " + unusable.problem() + ". Check the base URL (" + baseUrl + "); if it is"
              + " right, report this to Partoo with the request id" + requestIdHint(unusable.requestId()) + "."),
          new Details(unusable.status(), null, unusable.requestId(), attempts), null);
    }
    if (outcome instanceof Outcome.NoAnswer<?> noAnswer) {
      Throwable cause = noAnswer.cause();
      String via = noAnswer.proxy() == null ? "" : " through the HTTP proxy at " + noAnswer.proxy();
      return new PartooConnectionException(
          redactor.apply("No answer from Partoo at " + baseUrl + via + " to " + operation.describe() + after + " ("
              + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")." + why
              + " Check that this service can reach Partoo" + (via.isEmpty() ? "" : " and the proxy")
              + " and that the base URL is right; retry later."),
          Details.noAnswer(attempts), redactor.apply(cause));
    }
    if (outcome instanceof Outcome.Misconfigured<?> misconfigured) {
      return misconfigured(misconfigured, operation, attempts, redactor);
    }
    if (outcome instanceof Outcome.NoApiKey<?> noKey) {
      return new AuthenticationException(
          "No usable API key to " + operation.kind().action() + ": " + noKey.problem()
              + ". Nothing was sent. Fix the key (or the key supplier) this client is configured with.",
          Details.noAnswer(attempts), null);
    }
    if (outcome instanceof Outcome.Broken<?> broken) {
      RuntimeException cause = broken.cause();
      return new UnexpectedResponseException(
          redactor.apply("The HTTP client failed on the request to " + operation.describe() + " ("
              + cause.getClass().getName() + "). Nothing was retried. Report this with the stack trace"
              + requestIdHint(broken.requestId()) + "."),
          new Details(broken.status(), null, broken.requestId(), attempts), redactor.apply(cause));
    }
    throw new IllegalArgumentException("not a failure: " + outcome.getClass().getSimpleName());
  }

  /** A TLS or proxy configuration error: what was wrong, and where to fix it. Nothing reached Partoo. */
  private PartooException misconfigured(
      Outcome.Misconfigured<?> misconfigured, Operation operation, int attempts, Redactor redactor) {
    Throwable cause = misconfigured.cause();
    String seen = " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
    String message = misconfigured.kind() == FailureKind.TLS
        ? "Could not set up a trusted TLS connection to Partoo at " + baseUrl + " to " + operation.describe() + ": "
            + misconfigured.problem() + seen + ". Nothing was sent, nor retried: this service's TLS configuration"
            + " must change, not Partoo. " + (cause instanceof SSLPeerUnverifiedException
                ? "Use a base URL whose host is a name the certificate holds (see its subjectAltNames)."
                : "Trust the CA that signs the certificate Partoo's address presents (a private or TLS-inspecting"
                    + " proxy's CA, say): in the JVM's trust store, with PartooClient.Builder.trustedCertificates(pem)"
                    + " or sslContext(...), or with Spring Boot the SSL bundle named by partoo.ssl.bundle.")
        : "The HTTP proxy" + (misconfigured.proxy() == null ? "" : " at " + misconfigured.proxy())
            + " refused to open a tunnel to Partoo at " + baseUrl + " to " + operation.describe() + ": "
            + misconfigured.problem() + ". Nothing reached Partoo, and nothing was retried. Check the proxy's address"
            + " and the credentials this service gives it: PartooClient.Builder.proxy(...) and proxyCredentials(...),"
            + " or the JVM's https.proxyHost and https.proxyPort; with Spring Boot, partoo.proxy.*.";
    return new TransportConfigurationException(redactor.apply(message), Details.noAnswer(attempts),
        redactor.apply(cause), misconfigured.kind());
  }

  /** The call was in flight, or waiting to retry, when the client was closed. */
  PartooException closed(Operation operation, int attempts) {
    return new ClientClosedException("This PartooClient was closed while trying to " + operation.describe()
        + (attempts > 1 ? " (after " + attempts + " attempts)" : "") + "; the call was stopped and nothing more was"
        + " sent. Use an open client.", Details.noAnswer(attempts), null);
  }

  /**
   * The deadline passed before the call could finish.
   *
   * @param queued whether the last attempt was still waiting for one of the client's concurrent-call slots
   */
  PartooException deadline(Operation operation, int attempts, boolean queued) {
    return new PartooConnectionException("No answer from Partoo at " + baseUrl + " within the " + deadlineMillis
        + " ms deadline to " + operation.describe()
        + (queued ? ": the call was still waiting for one of the client's concurrent-call slots, so nothing was sent."
            + " Too many calls are in flight at once: raise maxConcurrentCalls, or find out why calls are slow."
            : ". Check that this service can reach Partoo; retry later."),
        Details.noAnswer(attempts), null);
  }

  /** The outage protection refused the call before its first attempt: nothing was sent. */
  PartooException unavailable(Operation operation, OutageGuard.Admission.Refuse refuse) {
    return new PartooUnavailableException("Not sent: " + refuse.why() + ". Nothing was sent to " + operation.describe()
        + "; render without Partoo" + (refuse.retryAt() == null ? "." : ", calls go through again from "
            + refuse.retryAt() + "."), Details.noAnswer(0), null, refuse.downSince(), refuse.retryAt());
  }

  /** The thread waiting to retry, or for a free slot, was interrupted. */
  PartooException interrupted(Operation operation, int attempts) {
    return new PartooConnectionException("Interrupted while waiting to send the request to " + operation.describe()
        + "; no further attempt was made.", Details.noAnswer(attempts), null);
  }

  private PartooException forStatus(
      Outcome.HttpFailure<?> failure, Operation operation, Redactor redactor, int attempts, String after,
      String why) {
    int status = failure.status();
    ErrorBody body = failure.body();
    String detail = body.partooMessage() == null ? null : ErrorBody.shorten(redactor.apply(body.partooMessage()));
    String answered = "HTTP " + status + (detail != null ? ": " + detail
        : body.description() != null ? ", " + body.description() : "");
    Details details = new Details(status, detail, failure.requestId(), attempts);
    String subject = operation.describe();
    String message;
    switch (status) {
      case 400 -> {
        message = "Partoo rejected the request to " + subject + " (" + answered + "). Fix the request; sending it"
            + " again unchanged will not help" + (operation.kind() == Operation.Kind.REVOKE
                ? " (Partoo also answers 400 when the token is no longer valid: consumed, revoked or expired)." : ".");
        return new InvalidRequestException(redactor.apply(message), details, null,
            redactor.apply(body.fieldErrors()));
      }
      case 401 -> {
        message = "Partoo did not accept the API key (" + answered + ") when asked to " + subject + ". Check the key"
            + " this client is configured with: it may be wrong, revoked or rotated.";
        return new AuthenticationException(redactor.apply(message), details, null);
      }
      case 403 -> {
        message = "Partoo refused to " + subject + " (" + answered + "). The API key's user needs WRITE access on"
            + " user " + operation.userId()
            + (operation.kind() == Operation.Kind.GENERATE
                ? ", and connection tokens cannot be generated for a user with the PROVIDER role." : ".");
        return new PermissionDeniedException(redactor.apply(message), details, null);
      }
      case 404 -> {
        message = "Partoo found nothing to " + subject + " (" + answered + "). Check the user id"
            + (operation.kind() == Operation.Kind.GENERATE ? "." : " and that the token was generated for this user.");
        return new NotFoundException(redactor.apply(message), details, null);
      }
      case 429 -> {
        message = "Partoo is rate limiting this API key (" + answered + ")" + after + " when asked to " + subject
            + "." + why + " Slow down"
            + (failure.retryAfter() != null ? " and wait at least " + failure.retryAfter().toSeconds() + " s." : ".");
        return new RateLimitedException(redactor.apply(message), details, null, failure.retryAfter());
      }
      default -> {
        if (status >= 500 && status <= 599) {
          message = "Partoo is unavailable (" + answered + ")" + after + " when asked to " + subject + "." + why
              + " Try again later.";
          return new ServerException(redactor.apply(message), details, null);
        }
        message = "Partoo answered " + answered + " to the request to " + subject + ", which its API does not"
            + " document" + (status >= 300 && status < 400
                ? " (redirects are not followed, so the API key never goes to another host)" : "")
            + ". Check the base URL (" + baseUrl + ").";
        return new UnexpectedResponseException(redactor.apply(message), details, null);
      }
    }
  }

  private static String requestIdHint(@Nullable String requestId) {
    return requestId == null ? "" : " (" + requestId + ")";
  }
}
