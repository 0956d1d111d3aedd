package com.acme.partoo.it;

import static com.acme.partoo.it.support.Failures.asyncPartooFailure;
import static com.acme.partoo.it.support.Failures.partooFailure;
import static com.acme.partoo.it.support.Stubs.partooError;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.PartooCall;
import com.acme.partoo.it.support.Transport;
import com.acme.partoo.it.support.WireMockPartoo;
import com.acme.partoo.tokens.AuthenticationException;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.InvalidRequestException;
import com.acme.partoo.tokens.NotFoundException;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.PermissionDeniedException;
import com.acme.partoo.tokens.UnexpectedResponseException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every error status Partoo documents, with its documented body, becomes the exception a caller acts on, carrying
 * Partoo's own detail; none of them is retried. Each operation is held to the same rule.
 */
@ParameterizedClass(name = "over {0}")
@MethodSource("com.acme.partoo.it.support.Transport#selected")
class ErrorMappingIT {

  @RegisterExtension
  static final WireMockPartoo partoo = new WireMockPartoo();

  /** The transport of this run of the class: cleartext HTTP/1.1, TLS HTTP/1.1, TLS HTTP/2. */
  @Parameter Transport transport;

  @BeforeParameterizedClassInvocation
  static void serve(Transport transport) {
    partoo.over(transport);
  }

  @ParameterizedTest
  @EnumSource(PartooCall.class)
  void mapsBadRequestToInvalidRequestWithPartoosFieldDetail(PartooCall call) {
    PartooException failure = failWith(call, 400);

    assertThat(failure).isInstanceOf(InvalidRequestException.class);
    assertThat(((InvalidRequestException) failure).fieldErrors())
        .isEqualTo(Map.of("ttl", List.of("Must be less than or equal to 86400.")));
    assertThat(failure.partooMessage()).hasValue("ttl: Must be less than or equal to 86400.");
    assertThat(failure.getMessage()).contains("Must be less than or equal to 86400.");
  }

  @ParameterizedTest
  @EnumSource(PartooCall.class)
  void mapsUnauthorizedToAuthenticationWithPartoosDetail(PartooCall call) {
    PartooException failure = failWith(call, 401);

    assertThat(failure).isInstanceOf(AuthenticationException.class);
    assertThat(failure.partooMessage()).hasValue("User not authenticated");
    assertThat(failure.getMessage()).contains("User not authenticated").contains("Check the key");
  }

  @ParameterizedTest
  @EnumSource(PartooCall.class)
  void mapsForbiddenToPermissionDeniedWithPartoosDetail(PartooCall call) {
    PartooException failure = failWith(call, 403);

    assertThat(failure).isInstanceOf(PermissionDeniedException.class);
    assertThat(failure.partooMessage()).hasValue("Operation not allowed");
    assertThat(failure.getMessage()).contains("Operation not allowed").contains("WRITE access on user 42");
  }

  @ParameterizedTest
  @EnumSource(PartooCall.class)
  void mapsNotFoundToNotFoundWithPartoosDetail(PartooCall call) {
    PartooException failure = failWith(call, 404);

    assertThat(failure).isInstanceOf(NotFoundException.class);
    assertThat(failure.partooMessage()).hasValue("Resource not found");
    assertThat(failure.getMessage()).contains("Resource not found");
  }

  @ParameterizedTest
  @EnumSource(PartooCall.class)
  void asyncCallsFailWithTheSameTypedExceptionAfterOneRequest(PartooCall call) {
    partoo.server().stubFor(call.request().willReturn(partooError(401)));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = asyncPartooFailure(() -> call.runAsync(tokens));

    assertThat(failure).isInstanceOf(AuthenticationException.class);
    assertThat(failure.partooMessage()).hasValue("User not authenticated");
    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(partoo.requestsTo(call.path())).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(PartooCall.class)
  void mapsAnUndocumentedClientErrorToUnexpectedResponseWithoutRetrying(PartooCall call) {
    partoo.server().stubFor(call.request().willReturn(aResponse().withStatus(409)));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = partooFailure(() -> call.run(tokens));

    assertThat(failure).isInstanceOf(UnexpectedResponseException.class);
    assertThat(failure.statusCode()).hasValue(409);
    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(partoo.requestsTo(call.path())).hasSize(1);
  }

  /** Stubs {@code status} with Partoo's documented body and a request id; checks what every error has in common. */
  private static PartooException failWith(PartooCall call, int status) {
    partoo.server().stubFor(call.request().willReturn(partooError(status).withHeader("X-Request-Id", "req-8d41")));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = partooFailure(() -> call.run(tokens));

    assertThat(failure.statusCode()).hasValue(status);
    assertThat(failure.requestId()).hasValue("req-8d41");
    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(failure.getSuppressed()).isEmpty();
    assertThat(partoo.requestsTo(call.path())).as("a %s is never retried", status).hasSize(1);
    assertThat(partoo.time().waits()).isEmpty();
    return failure;
  }
}
