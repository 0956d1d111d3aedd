package com.acme.partoo.opentelemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.incubating.UrlIncubatingAttributes;
import org.junit.jupiter.api.Test;

/** Our own attribute keys are the semantic conventions' (names and types), without their artifact at run time. */
class SemanticConventionsTest {

  @Test
  void theHttpClientAttributesAreTheConventionsOwn() {
    assertThat(SemanticAttributes.HTTP_REQUEST_METHOD).isEqualTo(HttpAttributes.HTTP_REQUEST_METHOD);
    assertThat(SemanticAttributes.HTTP_REQUEST_RESEND_COUNT).isEqualTo(HttpAttributes.HTTP_REQUEST_RESEND_COUNT);
    assertThat(SemanticAttributes.HTTP_RESPONSE_STATUS_CODE).isEqualTo(HttpAttributes.HTTP_RESPONSE_STATUS_CODE);
    assertThat(SemanticAttributes.SERVER_ADDRESS).isEqualTo(ServerAttributes.SERVER_ADDRESS);
    assertThat(SemanticAttributes.SERVER_PORT).isEqualTo(ServerAttributes.SERVER_PORT);
    assertThat(SemanticAttributes.ERROR_TYPE).isEqualTo(ErrorAttributes.ERROR_TYPE);
    // Opt-in, and still in development in the conventions: in their incubating artifact.
    assertThat(SemanticAttributes.URL_TEMPLATE).isEqualTo(UrlIncubatingAttributes.URL_TEMPLATE);
  }

  @Test
  void ourOwnAttributesAreUnderPartoo() {
    assertThat(java.util.List.of(SemanticAttributes.PARTOO_ATTEMPTS, SemanticAttributes.PARTOO_RETRY_REASON,
        SemanticAttributes.PARTOO_RETRY_WAIT)).allSatisfy(key -> assertThat(key.getKey()).startsWith("partoo."));
  }
}
