package com.acme.partoo.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only navigation over an OpenAPI document as the vendor ships it: operations by operationId, local {@code $ref}s
 * followed, object properties merged across {@code allOf}. Missing parts come back as missing nodes, never as
 * exceptions, so callers can say what is missing.
 */
public final class Bundle {

  /** YAML in and out, without the {@code ---} document marker. */
  public static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .build());

  static final List<String> HTTP_METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final int MAX_REF_HOPS = 32;

  private final JsonNode root;

  public Bundle(JsonNode root) {
    this.root = root;
  }

  /** Reads a YAML or JSON document. */
  public static Bundle read(Path file) {
    try {
      return new Bundle(YAML.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  public JsonNode root() {
    return root;
  }

  /** One operation of the document, with the path item it belongs to. */
  public record Operation(String path, String method, JsonNode node, JsonNode pathItem) {

    /** The operationId, or {@code METHOD path} when the vendor left it out. */
    public String id() {
      return node.path("operationId").asText(method.toUpperCase(java.util.Locale.ROOT) + " " + path);
    }

    /** JSON pointer of the operation in the document. */
    public String pointer() {
      return "#/paths/" + escape(path) + "/" + method;
    }
  }

  /** Every operation, in document order. */
  public List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
      for (String method : HTTP_METHODS) {
        JsonNode operation = path.getValue().get(method);
        if (operation != null && operation.isObject()) {
          operations.add(new Operation(path.getKey(), method, operation, path.getValue()));
        }
      }
    }
    return operations;
  }

  public Optional<Operation> operation(String operationId) {
    return operations().stream().filter(op -> op.node().path("operationId").asText("").equals(operationId)).findFirst();
  }

  /** The node a local {@code $ref} points at, or a missing node. */
  public JsonNode target(String ref) {
    if (!ref.startsWith("#")) {
      return MissingNode.getInstance();
    }
    return root.at(ref.substring(1));
  }

  /** Follows {@code $ref}s until a node that is not a reference (or a missing node when one dangles). */
  public JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; hops < MAX_REF_HOPS; hops++) {
      JsonNode ref = current.get("$ref");
      if (ref == null || !ref.isTextual()) {
        return current;
      }
      current = target(ref.asText());
    }
    return MissingNode.getInstance();
  }

  /** Parameters of an operation, path-level ones included (the operation's own win), references resolved. */
  public Map<String, JsonNode> parameters(Operation operation, String in) {
    Map<String, JsonNode> parameters = new LinkedHashMap<>();
    for (JsonNode source : List.of(operation.pathItem().path("parameters"), operation.node().path("parameters"))) {
      for (JsonNode parameter : source) {
        JsonNode resolved = resolve(parameter);
        if (in.equals(resolved.path("in").asText())) {
          parameters.put(resolved.path("name").asText(), resolved);
        }
      }
    }
    return parameters;
  }

  /** The JSON schema of an operation's request body, resolved; missing when there is none. */
  public JsonNode requestSchema(Operation operation) {
    return resolve(jsonSchema(resolve(operation.node().path("requestBody"))));
  }

  /** The JSON schema of one response of an operation, resolved; missing when there is none. */
  public JsonNode responseSchema(Operation operation, String status) {
    return resolve(jsonSchema(resolve(operation.node().path("responses").path(status))));
  }

  private static JsonNode jsonSchema(JsonNode bodyOrResponse) {
    for (Map.Entry<String, JsonNode> media : bodyOrResponse.path("content").properties()) {
      if (media.getKey().startsWith("application/json")) {
        return media.getValue().path("schema");
      }
    }
    return MissingNode.getInstance();
  }

  /** Properties of an object schema, those of its {@code allOf} members included, each resolved. */
  public Map<String, JsonNode> properties(JsonNode schema) {
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    collectProperties(resolve(schema), properties, 0);
    return properties;
  }

  /** Whether an object schema (or one of its {@code allOf} members) lists the property as required. */
  public boolean isRequired(JsonNode schema, String property) {
    JsonNode resolved = resolve(schema);
    for (JsonNode name : resolved.path("required")) {
      if (name.asText().equals(property)) {
        return true;
      }
    }
    for (JsonNode member : resolved.path("allOf")) {
      if (isRequired(member, property)) {
        return true;
      }
    }
    return false;
  }

  private void collectProperties(JsonNode schema, Map<String, JsonNode> into, int depth) {
    if (depth > MAX_REF_HOPS) {
      return;
    }
    for (JsonNode member : schema.path("allOf")) {
      collectProperties(resolve(member), into, depth + 1);
    }
    schema.path("properties").properties().forEach(p -> into.put(p.getKey(), resolve(p.getValue())));
  }

  /** Escapes one JSON pointer token ({@code ~} and {@code /}). */
  public static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** Reverses {@link #escape}. */
  public static String unescape(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }
}
