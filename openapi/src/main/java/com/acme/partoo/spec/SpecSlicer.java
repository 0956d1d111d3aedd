package com.acme.partoo.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cuts the operations the client needs, and exactly the components they reference (transitively), out of a vendor
 * bundle of any size, so that defects elsewhere in the bundle can neither break nor bloat the generated client.
 *
 * <p>Two rewrites keep the generated names stable from one vendor bundle to the next: every kept operation gets the
 * single tag {@code apiTag} (so the Retrofit interface is always {@code <apiTag>Api}), and the bodies of non-2xx
 * responses are dropped (the facade parses error bodies itself, as a JSON tree, so no error model is generated and
 * no {@code InlineObject*} name can appear).
 */
public final class SpecSlicer {

  static final List<String> HTTP_METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
  private static final String COMPONENTS_PREFIX = "#/components/";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Set<String> selectors;
  private final String apiTag;

  /**
   * @param selectors tags or operationIds; an operation is kept when its operationId or one of its tags is listed
   * @param apiTag the tag every kept operation gets, which names the generated API interface
   */
  public SpecSlicer(Set<String> selectors, String apiTag) {
    if (selectors.isEmpty()) {
      throw new IllegalArgumentException("at least one tag or operationId must be selected");
    }
    this.selectors = Set.copyOf(selectors);
    this.apiTag = apiTag;
  }

  /** The slice and the operationIds it kept, in document order. */
  public record Slice(ObjectNode spec, List<String> operationIds) {}

  /**
   * Returns a new document holding only the selected operations and what they reference.
   *
   * @throws SpecException when nothing matches the selection or a kept operation references a missing component
   */
  public Slice slice(JsonNode bundle) {
    ObjectNode out = NODES.objectNode();
    copyIfPresent(bundle, out, "openapi");
    copyIfPresent(bundle, out, "info");
    copyIfPresent(bundle, out, "servers");
    copyIfPresent(bundle, out, "security");
    out.putArray("tags").addObject().put("name", apiTag);

    List<String> kept = new ArrayList<>();
    ObjectNode paths = out.putObject("paths");
    for (Map.Entry<String, JsonNode> pathEntry : bundle.path("paths").properties()) {
      ObjectNode keptPath = slicePath(pathEntry.getValue(), kept);
      if (keptPath != null) {
        paths.set(pathEntry.getKey(), keptPath);
      }
    }
    if (kept.isEmpty()) {
      throw new SpecException("no operation of the spec has a tag or operationId among " + selectors);
    }

    ObjectNode components = out.putObject("components");
    copyReferencedComponents(bundle, out, components);
    JsonNode securitySchemes = bundle.path("components").path("securitySchemes");
    if (securitySchemes.isObject()) {
      components.set("securitySchemes", securitySchemes.deepCopy());
    }
    return new Slice(out, List.copyOf(kept));
  }

  private ObjectNode slicePath(JsonNode pathItem, List<String> kept) {
    if (!pathItem.isObject()) {
      return null;
    }
    ObjectNode keptPath = NODES.objectNode();
    for (String method : HTTP_METHODS) {
      JsonNode operation = pathItem.get(method);
      if (operation != null && operation.isObject() && isSelected(operation)) {
        keptPath.set(method, rewriteOperation((ObjectNode) operation.deepCopy()));
        kept.add(operation.path("operationId").asText(method));
      }
    }
    if (keptPath.isEmpty()) {
      return null;
    }
    // Path-level parameters apply to the kept operations too.
    copyIfPresent(pathItem, keptPath, "parameters");
    return keptPath;
  }

  private boolean isSelected(JsonNode operation) {
    if (selectors.contains(operation.path("operationId").asText(""))) {
      return true;
    }
    for (JsonNode tag : operation.path("tags")) {
      if (selectors.contains(tag.asText())) {
        return true;
      }
    }
    return false;
  }

  private ObjectNode rewriteOperation(ObjectNode operation) {
    operation.putArray("tags").add(apiTag);
    JsonNode responses = operation.get("responses");
    if (responses instanceof ObjectNode responseMap) {
      List<String> statuses = new ArrayList<>();
      responseMap.properties().forEach(entry -> statuses.add(entry.getKey()));
      for (String status : statuses) {
        if (!status.startsWith("2")) {
          // Error bodies are parsed by the facade as JSON trees: keep the status, drop the schema.
          responseMap.putObject(status).put("description", "Error response " + status);
        }
      }
    }
    return operation;
  }

  private static void copyReferencedComponents(JsonNode bundle, JsonNode slice, ObjectNode components) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<JsonNode> pending = new ArrayDeque<>();
    pending.push(slice.get("paths"));
    while (!pending.isEmpty()) {
      JsonNode node = pending.pop();
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(COMPONENTS_PREFIX) && seen.add(ref.asText())) {
        String[] parts = ref.asText().substring(COMPONENTS_PREFIX.length()).split("/", 2);
        if (parts.length != 2) {
          throw new SpecException("malformed reference " + ref.asText());
        }
        String section = parts[0];
        String name = unescapePointer(parts[1]);
        JsonNode target = bundle.path("components").path(section).get(name);
        if (target == null) {
          throw new SpecException("a selected operation references " + ref.asText() + ", which the spec lacks");
        }
        JsonNode copy = target.deepCopy();
        ObjectNode sectionNode = components.has(section)
            ? (ObjectNode) components.get(section)
            : components.putObject(section);
        sectionNode.set(name, copy);
        pending.push(copy);
      }
      node.elements().forEachRemaining(pending::push);
    }
  }

  private static String unescapePointer(String token) {
    return token.replace("~1", "/").replace("~0", "~");
  }

  private static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value != null) {
      to.set(field, value.deepCopy());
    }
  }
}
