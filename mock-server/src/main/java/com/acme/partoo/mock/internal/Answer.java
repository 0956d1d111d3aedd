package com.acme.partoo.mock.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer before it is written: status, content type, extra headers and a UTF-8 body. */
record Answer(int status, String contentType, Map<String, String> headers, String body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  Answer {
    headers = Map.copyOf(headers);
  }

  static Answer json(int status, JsonNode body) {
    try {
      return new Answer(status, "application/json", Map.of(), JSON.writeValueAsString(body));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e); // a tree built in memory always serializes
    }
  }

  /** A minimal HTML page; {@code title} and {@code message} are escaped. */
  static Answer html(int status, String title, String message) {
    String page = "<!DOCTYPE html>\n<html><head><title>" + escape(title) + "</title></head>\n<body><h1>"
        + escape(title) + "</h1>\n<p>" + escape(message) + "</p></body></html>\n";
    return new Answer(status, "text/html; charset=utf-8", Map.of(), page);
  }

  static ObjectMapper mapper() {
    return JSON;
  }

  /** The {@code token} of a generate answer's JSON body. */
  static String tokenOf(Answer generated) {
    try {
      return JSON.readTree(generated.body()).path("token").asText();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a generate answer is JSON the fake wrote itself", e);
    }
  }

  Answer withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new Answer(status, contentType, more, body);
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
