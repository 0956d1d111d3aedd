package com.acme.partoo.opentelemetry.internal;

import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.HTTP_REQUEST_METHOD;
import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.SERVER_ADDRESS;
import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.SERVER_PORT;
import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.URL_TEMPLATE;

import com.acme.partoo.tokens.PartooListener;
import com.acme.partoo.tokens.PartooListener.Operation;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * What the spans and the histogram of one client's calls share, computed once per server and base path rather than
 * once per call: span names, URL templates and the attributes every request of an operation has.
 */
final class Route {
  private static final String[] CALL_SPAN_NAMES = {
      "ConnectionTokens.generate", "ConnectionTokens.check", "ConnectionTokens.revoke"};

  private final String serverAddress;
  private final int serverPort;
  private final String basePath;
  private final String[] templates = new String[Operation.values().length];
  private final String[] requestSpanNames = new String[Operation.values().length];
  private final Attributes[] requestAttributes = new Attributes[Operation.values().length];
  private final Attributes callAttributes;
  // Per operation and status code (100 to 999): a request's histogram attributes when the status alone decides them
  // (a success, or an error status), so the common request builds none.
  private final AtomicReferenceArray<@Nullable Attributes> byStatus =
      new AtomicReferenceArray<>(Operation.values().length * 1000);

  Route(PartooListener.CallStarted call) {
    this.serverAddress = call.serverAddress();
    this.serverPort = call.serverPort();
    String template = call.urlTemplate();
    String path = call.operation().path();
    this.basePath = template.endsWith(path) ? template.substring(0, template.length() - path.length()) : "";
    for (Operation operation : Operation.values()) {
      int i = operation.ordinal();
      templates[i] = basePath + operation.path();
      requestSpanNames[i] = operation.method() + " " + templates[i];
      requestAttributes[i] = Attributes.of(HTTP_REQUEST_METHOD, operation.method(), SERVER_ADDRESS, serverAddress,
          SERVER_PORT, (long) serverPort, URL_TEMPLATE, templates[i]);
    }
    this.callAttributes = Attributes.of(SERVER_ADDRESS, serverAddress, SERVER_PORT, (long) serverPort);
  }

  /** Whether this route is the one of {@code call} (same server, same base path). */
  boolean serves(PartooListener.CallStarted call) {
    return serverPort == call.serverPort() && serverAddress.equals(call.serverAddress())
        && call.urlTemplate().equals(templates[call.operation().ordinal()]);
  }

  String callSpanName(Operation operation) {
    return CALL_SPAN_NAMES[operation.ordinal()];
  }

  /** {@code server.address} and {@code server.port}. */
  Attributes callAttributes() {
    return callAttributes;
  }

  /** {@code {method} {url.template}}, as the conventions name an HTTP client span. */
  String requestSpanName(Operation operation) {
    return requestSpanNames[operation.ordinal()];
  }

  /** The method, server and URL template of a request of {@code operation}. */
  Attributes requestAttributes(Operation operation) {
    return requestAttributes[operation.ordinal()];
  }

  /**
   * A request's attributes with what it came to: {@code http.response.status_code} if {@code status} is not 0,
   * {@code error.type} if {@code errorType} is not null. {@code statusDecides}: the error type follows from the
   * status (none below 400, the code from 400 on), so the result can be kept for the next request.
   */
  Attributes requestAttributes(Operation operation, int status, @Nullable String errorType, boolean statusDecides) {
    boolean keep = statusDecides && status >= 100 && status <= 999;
    int index = operation.ordinal() * 1000 + status;
    Attributes attributes = keep ? byStatus.get(index) : null;
    if (attributes == null) {
      AttributesBuilder builder = requestAttributes(operation).toBuilder();
      if (status != 0) {
        builder.put(SemanticAttributes.HTTP_RESPONSE_STATUS_CODE, status);
      }
      if (errorType != null) {
        builder.put(SemanticAttributes.ERROR_TYPE, errorType);
      }
      attributes = builder.build();
      if (keep) {
        byStatus.set(index, attributes);
      }
    }
    return attributes;
  }
}
