package com.acme.partoo.mock.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates request fields the way Partoo's marshmallow schemas do: every problem in a request is
 * collected, field by field, and reported at once as one 400. The messages are marshmallow's own.
 */
final class Inputs {

  static final String MISSING = "Missing data for required field.";
  static final String NULL = "Field may not be null.";
  static final String BLANK = "Field may not be blank.";
  static final String NOT_A_STRING = "Not a valid string.";
  static final String NOT_AN_INTEGER = "Not a valid integer.";
  static final String TTL_RANGE = "Must be greater than or equal to 1 and less than or equal to 86400.";
  static final String INVALID_JSON = "Invalid JSON body.";
  static final String NOT_AN_OBJECT = "Invalid input type.";
  /** Where marshmallow reports errors that belong to no single field. */
  static final String SCHEMA = "_schema";

  static final long MAX_TTL_SECONDS = 86_400;

  private static final ObjectReader READER =
      Answer.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final Map<String, List<String>> errors = new LinkedHashMap<>();

  /**
   * The body as a JSON object; an empty body counts as {@code {}} (so required fields are reported missing).
   *
   * @throws Rejection 400 if the body is not JSON, or JSON but not an object
   */
  static JsonNode jsonObject(byte[] body) {
    if (body.length == 0) {
      return JsonNodeFactory.instance.objectNode();
    }
    JsonNode node;
    try {
      node = READER.readTree(body);
    } catch (JsonProcessingException e) {
      throw Rejection.invalid(Map.of(SCHEMA, List.of(INVALID_JSON)));
    } catch (IOException e) {
      throw new IllegalStateException("reading an in-memory body cannot fail", e);
    }
    if (node == null || node.isMissingNode()) {
      return JsonNodeFactory.instance.objectNode();
    }
    if (!node.isObject()) {
      throw Rejection.invalid(Map.of(SCHEMA, List.of(NOT_AN_OBJECT)));
    }
    return node;
  }

  /** A required, non-blank string field of a JSON body; null (and an error recorded) when it is not one. */
  String requiredString(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null) {
      return fail(field, MISSING);
    }
    if (value.isNull()) {
      return fail(field, NULL);
    }
    if (!value.isTextual()) {
      return fail(field, NOT_A_STRING);
    }
    return requiredString(Optional.of(value.asText()), field);
  }

  /** A required, non-blank query parameter; null (and an error recorded) when absent or blank. */
  String requiredString(Optional<String> value, String field) {
    if (value.isEmpty()) {
      return fail(field, MISSING);
    }
    if (value.get().isBlank()) {
      return fail(field, BLANK);
    }
    return value.get();
  }

  /** The optional {@code ttl}: absent means one day; present, a JSON integer from 1 to 86400. */
  Duration ttl(JsonNode object) {
    JsonNode value = object.get("ttl");
    if (value == null) {
      return Duration.ofSeconds(MAX_TTL_SECONDS);
    }
    if (value.isNull()) {
      return fail("ttl", NULL);
    }
    // 3600.0, "3600" and true are refused: the spec says integer, and a lenient fake would hide a client's bug.
    if (!value.isIntegralNumber()) {
      return fail("ttl", NOT_AN_INTEGER);
    }
    if (!value.canConvertToLong() || value.asLong() < 1 || value.asLong() > MAX_TTL_SECONDS) {
      return fail("ttl", TTL_RANGE);
    }
    return Duration.ofSeconds(value.asLong());
  }

  /** @throws Rejection 400 listing every field error recorded so far, if there is any */
  void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw Rejection.invalid(errors);
    }
  }

  private <T> T fail(String field, String message) {
    errors.computeIfAbsent(field, name -> new ArrayList<>()).add(message);
    return null;
  }
}
