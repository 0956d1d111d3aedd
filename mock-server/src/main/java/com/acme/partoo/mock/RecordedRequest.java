package com.acme.partoo.mock;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request the fake received and the status it answered. Accessors return what was sent, secrets included, for
 * assertions; {@link #toString()} never shows the {@code x-APIKey} value (nor other credential headers), the query or the
 * body.
 *
 * @param endpoint what the path addresses
 * @param method the HTTP method
 * @param path the decoded path, without query
 * @param query the raw (still encoded) query string, empty if none
 * @param headers the request headers; names compare case-insensitively
 * @param body the request body as UTF-8 text, empty if none
 * @param status the status answered, or {@link #NO_ANSWER} when the connection was dropped on purpose
 */
public record RecordedRequest(
    Endpoint endpoint,
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    String body,
    int status) {

  /** The {@link #status()} of a request whose connection was closed without an answer. */
  public static final int NO_ANSWER = 0;

  /** Headers whose values are credentials: never printed. */
  private static final List<String> SECRET_HEADERS = List.of("x-APIKey", "Authorization", "Proxy-Authorization", "Cookie");

  /** Copies the headers into an immutable map whose names compare case-insensitively. */
  public RecordedRequest {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(body, "body");
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
  }

  /** The first value of header {@code name} (case-insensitive), if it was sent. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Whether the fake answered with a status line (false when a fault dropped the connection). */
  public boolean answered() {
    return status != NO_ANSWER;
  }

  /** Method, path, status and headers; credentials are redacted, the query and body only measured. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("RecordedRequest[")
        .append(method).append(' ').append(path)
        .append(" -> ").append(answered() ? String.valueOf(status) : "no answer")
        .append(", headers={");
    String separator = "";
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      boolean secret = SECRET_HEADERS.stream().anyMatch(header.getKey()::equalsIgnoreCase);
      out.append(separator).append(header.getKey()).append('=')
          .append(secret ? "<redacted>" : String.join(",", header.getValue()));
      separator = ", ";
    }
    return out.append("}, query=").append(query.length()).append(" chars, body=")
        .append(body.length()).append(" chars]").toString();
  }
}
