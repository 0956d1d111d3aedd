package com.acme.partoo.mock.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;
import mockwebserver3.RecordedRequest;

/**
 * What the fake refuses before it sees a request, answering a short HTML page and closing the connection: what
 * MockWebServer reads leniently but the fake cannot take as an origin-form HTTP/1.x request (RFC 9112), or as an
 * HTTP/2 request (framed by HTTP/2 itself: only its target is checked). Above all a request target that is not a valid
 * URI, such as a token sent with its backslash unencoded. The messages never quote the request: a query may hold a
 * token.
 */
final class ProtocolCheck {

  /** Request bodies are small JSON objects; MockWebServer keeps this much of one, and a longer one answers 413. */
  static final long MAX_BODY = 1024 * 1024;

  private ProtocolCheck() {}

  /** The refusal for {@code request}, or empty if the fake can take it. */
  static Optional<Answer> refusal(RecordedRequest request) {
    if (!validTarget(request.getTarget())) {
      // An unencoded backslash or a malformed %-escape, typically.
      return refuse(400, "The request target is not a valid URI: encode it.");
    }
    if (isHttp2(request)) {
      return request.getBodySize() > MAX_BODY
          ? refuse(413, "The request body is too large for the fake Partoo.") : Optional.empty();
    }
    if (!request.getVersion().equals("HTTP/1.1") && !request.getVersion().equals("HTTP/1.0")) {
      return refuse(505, "Only HTTP/1.0, HTTP/1.1 and (over HTTPS) HTTP/2 are served.");
    }
    List<String> encodings = request.getHeaders().values("Transfer-Encoding");
    List<String> lengths = request.getHeaders().values("Content-Length");
    // MockWebServer frames a body by the first Content-Length, else by chunked alone: anything else is ambiguous
    // (RFC 9112 §6.3), and what follows on the connection can no longer be trusted.
    if (!encodings.isEmpty() && !lengths.isEmpty()) {
      return refuse(400, "Both Transfer-Encoding and Content-Length are set.");
    }
    if (!encodings.isEmpty() && !(encodings.size() == 1 && encodings.get(0).equalsIgnoreCase("chunked"))) {
      return refuse(501, "Only the chunked transfer coding is supported.");
    }
    if (lengths.stream().distinct().count() > 1) {
      return refuse(400, "Conflicting Content-Length values.");
    }
    if (request.getBodySize() > MAX_BODY) {
      return refuse(413, "The request body is too large for the fake Partoo.");
    }
    return Optional.empty();
  }

  /**
   * Whether {@code request} came over HTTP/2 (one connection carries many requests: no connection-level answers). Only
   * negotiated through TLS: an HTTP/1 request line that says {@code HTTP/2} is refused like any other version.
   */
  static boolean isHttp2(RecordedRequest request) {
    return request.getVersion().equals("HTTP/2") && request.getHandshake() != null;
  }

  /** The target as a URI; only after {@link #refusal} found none. */
  static URI target(RecordedRequest request) {
    return URI.create(request.getTarget());
  }

  private static boolean validTarget(String target) {
    try {
      return target.startsWith("/") && new URI(target).getPath() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static Optional<Answer> refuse(int status, String message) {
    return Optional.of(Answer.html(status, ResponseEncoder.reason(status), message));
  }
}
