package com.acme.partoo.mock.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * A request refused with one of Partoo's error answers. Thrown from deep in validation and turned into the answer
 * by the dispatcher; carries no stack trace, it is not a failure of the fake.
 */
final class Rejection extends RuntimeException {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final transient Answer answer;

  private Rejection(Answer answer) {
    super("HTTP " + answer.status(), null, false, false);
    this.answer = answer;
  }

  Answer answer() {
    return answer;
  }

  /** 401: no API key, or one the fake does not know. */
  static Rejection unauthenticated() {
    return error(401, "authentication", "User not authenticated");
  }

  /** 403: the key's owner lacks WRITE access, or the target user may not receive tokens. */
  static Rejection forbidden() {
    return error(403, "authorization", "Operation not allowed");
  }

  /** 404: unknown user, unknown token for that user, or unknown path. */
  static Rejection notFound() {
    return error(404, "json", "Resource not found");
  }

  /** 400 with marshmallow-style detail: field name to a list of messages. */
  static Rejection invalid(Map<String, List<String>> messagesByField) {
    ObjectNode detail = NODES.objectNode();
    messagesByField.forEach((field, messages) -> messages.forEach(detail.putArray(field)::add));
    ObjectNode body = NODES.objectNode();
    body.putObject("errors").set("json", detail);
    return new Rejection(Answer.json(400, body));
  }

  /** 405 with an {@code Allow} header naming the one method the path accepts. */
  static Rejection methodNotAllowed(String allowed) {
    return new Rejection(error(405, "json", "Method not allowed").answer.withHeader("Allow", allowed));
  }

  private static Rejection error(int status, String key, String message) {
    ObjectNode body = NODES.objectNode();
    body.putObject("errors").put(key, message);
    return new Rejection(Answer.json(status, body));
  }
}
