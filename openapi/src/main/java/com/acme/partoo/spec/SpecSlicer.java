package com.acme.partoo.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
 * <p>Three rewrites keep the names the facade uses stable from one vendor bundle to the next. Every selected operation
 * gets the single tag {@code apiTag} (so its Retrofit interface is always {@code <apiTag>Api}); the request and 2xx
 * response schemas of selected operations, and their properties' scalar schemas (enums), are inlined when the vendor
 * wrote them as {@code $ref}s (so their model names derive from the operationId, never from the vendor's component
 * names); and the bodies of non-2xx responses are dropped (the facade parses error bodies itself, as JSON trees, so
 * no error model and no {@code InlineObject*} name is generated).
 *
 * <p>With {@code keepAll}, every other operation of the bundle is kept too, with the vendor's tags (one interface per
 * tag) and its bodies as they are; only error bodies are dropped, as for the selected ones.
 *
 * <p>{@link #withErrorBodies()} gives a slicer that keeps error bodies: the slice a contract test validates error
 * responses against, not the one to generate from.
 */
public final class SpecSlicer {

  private static final String COMPONENTS_PREFIX = "#/components/";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final Set<String> selectors;
  private final String apiTag;
  private final boolean keepAll;
  private final boolean keepErrorBodies;

  /**
   * @param selectors tags or operationIds; an operation is selected when its operationId or one of its tags is listed
   * @param apiTag the tag every selected operation gets, which names the generated API interface
   * @param keepAll whether to keep the operations that are not selected as well
   */
  public SpecSlicer(Set<String> selectors, String apiTag, boolean keepAll) {
    this(selectors, apiTag, keepAll, false);
  }

  private SpecSlicer(Set<String> selectors, String apiTag, boolean keepAll, boolean keepErrorBodies) {
    if (selectors.isEmpty()) {
      throw new IllegalArgumentException("at least one tag or operationId must be selected");
    }
    this.selectors = Set.copyOf(selectors);
    this.apiTag = apiTag;
    this.keepAll = keepAll;
    this.keepErrorBodies = keepErrorBodies;
  }

  /** A slicer that keeps only the selected operations. */
  public SpecSlicer(Set<String> selectors, String apiTag) {
    this(selectors, apiTag, false, false);
  }

  /** This slicer, keeping the bodies of non-2xx responses as the vendor wrote them. */
  public SpecSlicer withErrorBodies() {
    return new SpecSlicer(selectors, apiTag, keepAll, true);
  }

  /**
   * The slice, the operationIds it kept (in document order), and JSON pointers, into the bundle, of every operation and
   * component it kept.
   */
  public record Slice(ObjectNode spec, List<String> operationIds, List<String> keptPointers) {}

  /**
   * Returns a new document holding only the kept operations and what they reference.
   *
   * @throws SpecException when nothing matches the selection or a kept operation references a missing component
   */
  public Slice slice(JsonNode document) {
    Bundle bundle = new Bundle(document);
    ObjectNode out = NODES.objectNode();
    copyIfPresent(document, out, "openapi");
    copyIfPresent(document, out, "info");
    copyIfPresent(document, out, "servers");
    copyIfPresent(document, out, "security");
    if (keepAll) {
      copyIfPresent(document, out, "tags");
    }
    (out.get("tags") instanceof ArrayNode tags ? tags : out.putArray("tags")).addObject().put("name", apiTag);

    List<String> kept = new ArrayList<>();
    List<String> keptPointers = new ArrayList<>();
    boolean anySelected = false;
    ObjectNode paths = out.putObject("paths");
    for (Bundle.Operation operation : bundle.operations()) {
      boolean selected = isSelected(operation.node());
      if (!selected && !keepAll) {
        continue;
      }
      anySelected |= selected;
      ObjectNode pathItem = (ObjectNode) paths.get(operation.path());
      if (pathItem == null) {
        pathItem = paths.putObject(operation.path());
        // Path-level parameters apply to the kept operations too.
        copyIfPresent(operation.pathItem(), pathItem, "parameters");
      }
      ObjectNode copy = operation.node().deepCopy();
      if (selected) {
        copy.putArray("tags").add(apiTag);
        inlineBodies(bundle, copy, operation.id());
      }
      if (!keepErrorBodies) {
        dropErrorBodies(copy);
      }
      pathItem.set(operation.method(), copy);
      kept.add(operation.id());
      keptPointers.add(operation.pointer());
    }
    if (!anySelected) {
      throw new SpecException("no operation of the spec has a tag or operationId among " + selectors);
    }

    ObjectNode components = out.putObject("components");
    copyReferencedComponents(bundle, out, components, keptPointers);
    JsonNode securitySchemes = document.path("components").path("securitySchemes");
    if (securitySchemes.isObject()) {
      components.set("securitySchemes", securitySchemes.deepCopy());
      keptPointers.add("#/components/securitySchemes");
    }
    return new Slice(out, List.copyOf(kept), List.copyOf(keptPointers));
  }

  private boolean isSelected(JsonNode operation) {
    return selects(selectors, operation);
  }

  /** Whether the operation's operationId or one of its tags is among the selectors. */
  static boolean selects(Set<String> selectors, JsonNode operation) {
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

  /** Replaces referenced request bodies, 2xx responses and their JSON schemas by copies of what they point at. */
  private static void inlineBodies(Bundle bundle, ObjectNode operation, String id) {
    if (operation.has("requestBody")) {
      operation.set("requestBody", inlineContent(bundle, resolveOrFail(bundle, operation.get("requestBody"), id), id));
    }
    JsonNode responses = operation.get("responses");
    if (responses instanceof ObjectNode responseMap) {
      for (String status : names(responseMap)) {
        if (status.startsWith("2")) {
          responseMap.set(status, inlineContent(bundle, resolveOrFail(bundle, responseMap.get(status), id), id));
        }
      }
    }
  }

  private static JsonNode inlineContent(Bundle bundle, JsonNode bodyOrResponse, String id) {
    if (!(bodyOrResponse instanceof ObjectNode)) {
      return bodyOrResponse.deepCopy();
    }
    ObjectNode copy = bodyOrResponse.deepCopy();
    for (JsonNode media : copy.path("content")) {
      if (media instanceof ObjectNode mediaType && media.has("schema")) {
        mediaType.set("schema", inlineSchema(bundle, media.get("schema"), id));
      }
    }
    return copy;
  }

  /**
   * A copy of the schema, with its properties' references to scalar schemas (an enum, a string id) inlined too: the
   * generator then names an enum after the operation ({@code CheckConnectionTokenResponse.StatusEnum}), whatever the
   * vendor calls the component.
   */
  private static JsonNode inlineSchema(Bundle bundle, JsonNode schema, String id) {
    JsonNode copy = resolveOrFail(bundle, schema, id).deepCopy();
    if (copy.get("properties") instanceof ObjectNode properties) {
      for (String name : names(properties)) {
        JsonNode property = properties.get(name);
        JsonNode target = resolveOrFail(bundle, property, id);
        if (property.has("$ref") && isScalar(target)) {
          properties.set(name, target.deepCopy());
        }
      }
    }
    return copy;
  }

  private static JsonNode resolveOrFail(Bundle bundle, JsonNode node, String id) {
    JsonNode resolved = bundle.resolve(node);
    if (resolved.isMissingNode()) {
      throw new SpecException(id + " references " + node.path("$ref").asText() + ", which the spec lacks");
    }
    return resolved;
  }

  private static boolean isScalar(JsonNode schema) {
    String type = schema.path("type").asText("");
    return schema.isObject() && !type.equals("object") && !type.equals("array") && !schema.has("properties")
        && !schema.has("allOf") && !schema.has("anyOf") && !schema.has("oneOf") && !schema.has("items");
  }

  private static void dropErrorBodies(ObjectNode operation) {
    JsonNode responses = operation.get("responses");
    if (responses instanceof ObjectNode responseMap) {
      for (String status : names(responseMap)) {
        if (!status.startsWith("2")) {
          // Error bodies are parsed by the facade as JSON trees: keep the status, drop the schema.
          responseMap.putObject(status).put("description", "Error response " + status);
        }
      }
    }
  }

  private static void copyReferencedComponents(
      Bundle bundle, JsonNode slice, ObjectNode components, List<String> keptPointers) {
    Set<String> seen = new LinkedHashSet<>();
    // Each pending node travels with what references it, for an error message that says where to look.
    Deque<Map.Entry<JsonNode, String>> pending = new ArrayDeque<>();
    for (Map.Entry<String, JsonNode> path : slice.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        String origin = operation.getValue().path("operationId").asText(operation.getKey() + " " + path.getKey());
        pending.push(Map.entry(operation.getValue(), origin));
      }
    }
    while (!pending.isEmpty()) {
      Map.Entry<JsonNode, String> entry = pending.pop();
      JsonNode node = entry.getKey();
      JsonNode ref = node.get("$ref");
      if (ref != null && ref.isTextual() && ref.asText().startsWith(COMPONENTS_PREFIX) && seen.add(ref.asText())) {
        String[] parts = ref.asText().substring(COMPONENTS_PREFIX.length()).split("/", 2);
        if (parts.length != 2) {
          throw new SpecException("malformed reference " + ref.asText() + " in " + entry.getValue());
        }
        String section = parts[0];
        String name = Bundle.unescape(parts[1]);
        JsonNode target = bundle.root().path("components").path(section).get(name);
        if (target == null) {
          throw new SpecException(entry.getValue() + " references " + ref.asText() + ", which the spec lacks");
        }
        JsonNode copy = target.deepCopy();
        ObjectNode sectionNode = components.has(section)
            ? (ObjectNode) components.get(section)
            : components.putObject(section);
        sectionNode.set(name, copy);
        keptPointers.add(ref.asText());
        pending.push(Map.entry(copy, name));
      }
      node.elements().forEachRemaining(child -> pending.push(Map.entry(child, entry.getValue())));
      // Discriminator mappings name schemas without a $ref: they are referenced all the same.
      for (JsonNode target : node.path("discriminator").path("mapping")) {
        String mapped = target.asText().startsWith("#") ? target.asText() : "#/components/schemas/" + target.asText();
        pending.push(Map.entry(NODES.objectNode().put("$ref", mapped), entry.getValue()));
      }
    }
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.properties().forEach(entry -> names.add(entry.getKey()));
    return names;
  }

  private static void copyIfPresent(JsonNode from, ObjectNode to, String field) {
    JsonNode value = from.get(field);
    if (value != null) {
      to.set(field, value.deepCopy());
    }
  }
}
