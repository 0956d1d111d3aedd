package com.acme.partoo.mock.internal;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request read whole by the server, so that handlers are plain functions of it.
 *
 * @param path the decoded path, without query
 * @param rawQuery the query as sent (still percent-encoded), empty if none
 * @param headers header values by name; names compare case-insensitively
 */
record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

  /** The same request with header {@code name} (case-insensitive) set to {@code value} alone. */
  Request withHeader(String name, String value) {
    Map<String, List<String>> changed = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    changed.putAll(headers);
    changed.put(name, List.of(value));
    return new Request(method, path, rawQuery, Collections.unmodifiableMap(changed), body);
  }

  /** The first value of a request header, case-insensitively. */
  Optional<String> header(String name) {
    return headers.entrySet().stream()
        .filter(header -> header.getKey().equalsIgnoreCase(name) && !header.getValue().isEmpty())
        .map(header -> header.getValue().get(0))
        .findFirst();
  }

  /**
   * The first value of a query parameter, decoded as a form would be ({@code +} is a space). Escapes are
   * well-formed: the server refuses a request line that is not a valid URI before any handler runs.
   */
  Optional<String> queryParameter(String name) {
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      String key = decode(equals < 0 ? pair : pair.substring(0, equals));
      if (key.equals(name)) {
        return Optional.of(equals < 0 ? "" : decode(pair.substring(equals + 1)));
      }
    }
    return Optional.empty();
  }

  RecordedRequest recorded(Endpoint endpoint, int status) {
    return new RecordedRequest(endpoint, method, path, rawQuery, headers,
        new String(body, StandardCharsets.UTF_8), status);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
