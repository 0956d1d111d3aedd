package com.acme.partoo.tokens.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * Partoo's error body, read as a JSON tree (not through generated models, whose names change between vendor bundles):
 * {@code {"errors": {"json": {...per field...} | "text", "authentication": "...", "authorization": "..."}}}. Reading
 * is capped, and HTML, empty or truncated bodies give an empty detail with a short description of what came instead.
 *
 * @param partooMessage Partoo's detail as one line, or null; not shortened here, so that redaction (which needs whole
 *     secrets) runs before {@link #shorten}
 * @param fieldErrors per-field messages from {@code errors.json} when it is an object
 * @param description what the body was when it was not Partoo's JSON (e.g. "a text/html body of 162 bytes"), or null
 */
record ErrorBody(
    @Nullable String partooMessage, Map<String, List<String>> fieldErrors, @Nullable String description) {

  /** Bytes of an error body that are read; the rest is discarded unread. */
  static final int MAX_BYTES = 16 * 1024;
  private static final int MAX_MESSAGE_CHARS = 500;

  static final ErrorBody NONE = new ErrorBody(null, Map.of(), "no body");

  /** Reads at most {@link #MAX_BYTES} of {@code body} and closes it. */
  static ErrorBody read(@Nullable ResponseBody body, ObjectMapper json) {
    if (body == null) {
      return NONE;
    }
    try (body; InputStream in = body.byteStream()) {
      byte[] bytes = in.readNBytes(MAX_BYTES);
      return parse(bytes, body.contentType() == null ? null : body.contentType().toString(), json);
    } catch (IOException e) {
      return new ErrorBody(null, Map.of(), "a body that could not be read (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Parses an error body already read. */
  static ErrorBody parse(byte[] bytes, @Nullable String contentType, ObjectMapper json) {
    if (bytes.length == 0) {
      return NONE;
    }
    JsonNode errors;
    try {
      errors = json.readTree(bytes).path("errors");
    } catch (IOException e) {
      errors = null;
    }
    if (errors == null || !errors.isObject() || errors.isEmpty()) {
      String type = contentType == null ? "an untyped" : "a " + contentType;
      return new ErrorBody(null, Map.of(), type + " body of " + bytes.length + " bytes, not Partoo's error JSON");
    }
    Map<String, List<String>> fieldErrors = new LinkedHashMap<>();
    List<String> messages = new ArrayList<>();
    for (Map.Entry<String, JsonNode> entry : errors.properties()) {
      JsonNode value = entry.getValue();
      if ("json".equals(entry.getKey()) && value.isObject()) {
        collectFieldErrors("", value, fieldErrors);
      } else {
        messages.add(text(value));
      }
    }
    fieldErrors.forEach((field, list) -> messages.add(field + ": " + String.join(" ", list)));
    String message = String.join("; ", messages);
    return new ErrorBody(message, Map.copyOf(fieldErrors), null);
  }

  private static void collectFieldErrors(String prefix, JsonNode node, Map<String, List<String>> out) {
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String field = prefix + entry.getKey();
      JsonNode value = entry.getValue();
      if (value.isObject()) {
        // Marshmallow nests errors of nested fields: {"address": {"city": [...]}} → "address.city".
        collectFieldErrors(field + ".", value, out);
      } else if (value.isArray()) {
        List<String> texts = new ArrayList<>();
        value.forEach(item -> texts.add(text(item)));
        out.put(field, List.copyOf(texts));
      } else {
        out.put(field, List.of(text(value)));
      }
    }
  }

  private static String text(JsonNode node) {
    return node.isValueNode() ? node.asText() : node.toString();
  }

  /** {@code message} cut to {@value #MAX_MESSAGE_CHARS} characters; apply after redaction, never before. */
  static String shorten(String message) {
    return message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "…";
  }
}
