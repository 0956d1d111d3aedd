package com.acme.partoo.opentelemetry.internal;

import io.opentelemetry.api.common.AttributeKey;
import java.util.List;

/**
 * The OpenTelemetry semantic conventions' names this module writes, as our own constants: the conventions' artifact
 * is not a dependency (a test checks these against it), and names of our own are under {@code partoo.}.
 */
final class SemanticAttributes {
  static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<Long> HTTP_REQUEST_RESEND_COUNT = AttributeKey.longKey("http.request.resend_count");
  static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> URL_TEMPLATE = AttributeKey.stringKey("url.template");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  /** Requests the call sent, its revoke's check included. */
  static final AttributeKey<Long> PARTOO_ATTEMPTS = AttributeKey.longKey("partoo.attempts");
  /** Why the client waits before another attempt: {@code backoff} or {@code retry_after}. */
  static final AttributeKey<String> PARTOO_RETRY_REASON = AttributeKey.stringKey("partoo.retry.reason");
  /** How long it waits, in seconds. */
  static final AttributeKey<Double> PARTOO_RETRY_WAIT = AttributeKey.doubleKey("partoo.retry.wait");

  /** The stable HTTP client metric, in seconds. */
  static final String HTTP_CLIENT_REQUEST_DURATION = "http.client.request.duration";
  /** Its advised bucket boundaries, in seconds. */
  static final List<Double> DURATION_BUCKETS =
      List.of(0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0);

  private SemanticAttributes() {}
}
