package com.acme.partoo.opentelemetry.internal;

import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.HTTP_REQUEST_METHOD;
import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.SERVER_ADDRESS;
import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.SERVER_PORT;
import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.URL_TEMPLATE;

import com.acme.partoo.tokens.PartooListener;
import com.acme.partoo.tokens.PartooListener.Operation;
import io.opentelemetry.api.common.Attributes;

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
}
