package com.acme.partoo.spec;

import com.acme.partoo.spec.SpecProblem.Kind;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, in a whole vendor bundle, the defects that real bundles have and that can be detected mechanically: type
 * names that are not OpenAPI types, 3.1 syntax in a 3.0 document and the reverse, {@code required} that is not a list,
 * arrays without {@code items}, references and discriminator mappings that point at nothing, operationIds that clash
 * when case is ignored, path parameters used but not declared, probable property-name typos, and a few structural
 * errors that make validation of the whole document fail.
 *
 * <p>It never throws on a malformed document: everything it cannot make sense of becomes a problem.
 */
public final class SpecLint {

  private static final Set<String> TYPES_30 = Set.of("string", "number", "integer", "boolean", "array", "object");
  private static final Set<String> TYPES_31 =
      Set.of("string", "number", "integer", "boolean", "array", "object", "null");
  private static final Set<String> SCHEMA_KEYWORDS = Set.of(
      "type", "format", "properties", "items", "required", "description", "title", "enum", "default", "example",
      "examples", "nullable", "allOf", "anyOf", "oneOf", "not", "additionalProperties", "minimum", "maximum",
      "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "minItems", "maxItems",
      "uniqueItems", "minProperties", "maxProperties", "multipleOf", "readOnly", "writeOnly", "deprecated",
      "discriminator", "xml", "externalDocs", "$ref", "const", "$defs", "patternProperties", "prefixItems",
      "contains", "if", "then", "else", "propertyNames", "unevaluatedProperties", "unevaluatedItems",
      "contentEncoding", "contentMediaType", "contentSchema", "$schema", "$id", "$comment", "$anchor",
      "dependentRequired", "dependentSchemas", "minContains", "maxContains", "definitions");
  private static final List<String> NUMERIC_KEYWORDS = List.of("minimum", "maximum", "multipleOf", "minLength",
      "maxLength", "minItems", "maxItems", "minProperties", "maxProperties");
  /** Keywords whose value is a map of names to schemas. */
  private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs", "definitions",
      "dependentSchemas");
  /** Keywords whose value is one schema. */
  private static final Set<String> SCHEMA_VALUES = Set.of("items", "additionalProperties", "not", "contains", "if",
      "then", "else", "propertyNames", "unevaluatedProperties", "unevaluatedItems", "contentSchema");
  /** Keywords whose value is a list of schemas. */
  private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
  /** Fields holding instance data (outside schemas), where {@code type} or {@code $ref} keys mean nothing. */
  private static final Set<String> EXAMPLES = Set.of("example", "examples");
  private static final Pattern PATH_TEMPLATE = Pattern.compile("\\{([^}/]+)}");

  private final Bundle bundle;
  private final boolean openapi30;
  private final List<SpecProblem> problems = new ArrayList<>();

  private SpecLint(Bundle bundle) {
    this.bundle = bundle;
    this.openapi30 = bundle.root().path("openapi").asText("").startsWith("3.0");
  }

  /** Every problem found, in document order. */
  public static List<SpecProblem> lint(Bundle bundle) {
    SpecLint lint = new SpecLint(bundle);
    lint.run();
    return List.copyOf(lint.problems);
  }

  private void run() {
    String version = bundle.root().path("openapi").asText("");
    if (!version.startsWith("3.0") && !version.startsWith("3.1")) {
      add(Kind.INVALID_STRUCTURE, "#/openapi", "'" + version + "' is not OpenAPI 3.0 or 3.1; read as 3.1");
    }
    walkDocument(bundle.root(), "#");
    checkOperations();
  }

  // ---- the document: find references everywhere and schemas where they can be ---------------------------------

  private void walkDocument(JsonNode node, String pointer) {
    checkRef(node, pointer);
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walkDocument(node.get(i), pointer + "/" + i);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String key = field.getKey();
      String child = pointer + "/" + Bundle.escape(key);
      if (EXAMPLES.contains(key) || key.startsWith("x-")) {
        continue;
      } else if (key.equals("schema") && field.getValue().isObject()) {
        walkSchema(field.getValue(), child);
      } else if (pointer.equals("#/components") && key.equals("schemas")) {
        field.getValue().properties().forEach(s -> walkSchema(s.getValue(), child + "/" + Bundle.escape(s.getKey())));
      } else {
        walkDocument(field.getValue(), child);
      }
    }
  }

  private void checkRef(JsonNode node, String pointer) {
    JsonNode ref = node.get("$ref");
    if (ref == null || !node.isObject()) {
      return;
    }
    if (!ref.isTextual()) {
      add(Kind.DANGLING_REF, pointer, "$ref is not a string");
    } else if (!ref.asText().startsWith("#")) {
      add(Kind.DANGLING_REF, pointer, "$ref '" + ref.asText() + "' points outside the bundle");
    } else if (bundle.target(ref.asText()).isMissingNode()) {
      add(Kind.DANGLING_REF, pointer, "$ref '" + ref.asText() + "' points at nothing");
    }
  }

  // ---- schemas --------------------------------------------------------------------------------------------------

  private void walkSchema(JsonNode schema, String pointer) {
    checkRef(schema, pointer);
    if (!schema.isObject()) {
      if (!schema.isBoolean()) {
        add(Kind.INVALID_STRUCTURE, pointer, "a schema must be an object, not " + schema.getNodeType());
      }
      return;
    }
    checkSchema(schema, pointer);
    for (Map.Entry<String, JsonNode> field : schema.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      String child = pointer + "/" + Bundle.escape(key);
      if (SCHEMA_MAPS.contains(key)) {
        value.properties().forEach(p -> walkSchema(p.getValue(), child + "/" + Bundle.escape(p.getKey())));
      } else if (SCHEMA_VALUES.contains(key) && value.isObject()) {
        walkSchema(value, child);
      } else if ((SCHEMA_LISTS.contains(key) || key.equals("items")) && value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          walkSchema(value.get(i), child + "/" + i);
        }
      }
    }
  }

  private void checkSchema(JsonNode schema, String pointer) {
    Set<String> types = checkType(schema, pointer);
    checkVersionSyntax(schema, pointer);
    checkRequired(schema, pointer);
    if (types.contains("array") && !schema.has("items") && !schema.has("prefixItems")) {
      add(Kind.ARRAY_WITHOUT_ITEMS, pointer, "an array without 'items'");
    }
    for (String keyword : NUMERIC_KEYWORDS) {
      JsonNode value = schema.get(keyword);
      if (value != null && !value.isNumber()) {
        add(Kind.INVALID_STRUCTURE, pointer + "/" + keyword, "'" + keyword + "' is " + value + ", not a number");
      }
    }
    checkDiscriminator(schema, pointer);
    for (Map.Entry<String, JsonNode> field : schema.properties()) {
      String key = field.getKey();
      if (!SCHEMA_KEYWORDS.contains(key) && !key.startsWith("x-")) {
        String closest = closest(key, SCHEMA_KEYWORDS);
        if (closest != null) {
          add(Kind.PROPERTY_TYPO, pointer + "/" + Bundle.escape(key),
              "'" + key + "' looks like a misspelt '" + closest + "': it is ignored");
        }
      }
    }
  }

  private Set<String> checkType(JsonNode schema, String pointer) {
    JsonNode type = schema.get("type");
    Set<String> types = new LinkedHashSet<>();
    if (type == null) {
      return types;
    }
    Set<String> valid = openapi30 ? TYPES_30 : TYPES_31;
    if (type.isArray()) {
      if (openapi30) {
        add(Kind.VERSION_SYNTAX, pointer + "/type",
            "type " + type + " is OpenAPI 3.1 syntax in a 3.0 document (3.0 has 'nullable: true')");
      }
      type.forEach(t -> types.add(t.asText()));
      for (JsonNode t : type) {
        if (!t.isTextual() || !TYPES_31.contains(t.asText())) {
          add(Kind.INVALID_TYPE, pointer + "/type", "type " + t + " is not an OpenAPI type");
        }
      }
    } else if (type.isTextual()) {
      types.add(type.asText());
      if (!valid.contains(type.asText())) {
        add(Kind.INVALID_TYPE, pointer + "/type", "type '" + type.asText() + "' is not an OpenAPI type");
      }
    } else {
      add(Kind.INVALID_TYPE, pointer + "/type", "type " + type + " is not an OpenAPI type");
    }
    return types;
  }

  private void checkVersionSyntax(JsonNode schema, String pointer) {
    if (!openapi30 && schema.has("nullable")) {
      add(Kind.VERSION_SYNTAX, pointer + "/nullable",
          "'nullable' is OpenAPI 3.0 syntax in a 3.1 document (3.1 has type [..., \"null\"]), ignored");
    }
    for (String keyword : List.of("exclusiveMinimum", "exclusiveMaximum")) {
      JsonNode value = schema.get(keyword);
      if (value != null && openapi30 && !value.isBoolean()) {
        add(Kind.VERSION_SYNTAX, pointer + "/" + keyword,
            "a numeric '" + keyword + "' is OpenAPI 3.1 syntax in a 3.0 document (3.0 has a boolean)");
      } else if (value != null && !openapi30 && !value.isNumber()) {
        add(Kind.VERSION_SYNTAX, pointer + "/" + keyword,
            "a boolean '" + keyword + "' is OpenAPI 3.0 syntax in a 3.1 document (3.1 has a number)");
      }
    }
  }

  private void checkRequired(JsonNode schema, String pointer) {
    JsonNode required = schema.get("required");
    if (required == null) {
      return;
    }
    if (!required.isArray()) {
      add(Kind.REQUIRED_NOT_LIST, pointer + "/required",
          "'required' is " + required + ", not a list of property names");
      return;
    }
    JsonNode properties = schema.get("properties");
    boolean composed = schema.has("allOf") || schema.has("anyOf") || schema.has("oneOf");
    if (properties == null || !properties.isObject() || composed) {
      return;
    }
    for (JsonNode name : required) {
      if (!properties.has(name.asText())) {
        String closest = closest(name.asText(), iterable(properties));
        add(Kind.PROPERTY_TYPO, pointer + "/required", "'required' lists '" + name.asText()
            + "', which is not a property" + (closest == null ? "" : " (did you mean '" + closest + "'?)"));
      }
    }
  }

  private void checkDiscriminator(JsonNode schema, String pointer) {
    for (Map.Entry<String, JsonNode> mapping : schema.path("discriminator").path("mapping").properties()) {
      String target = mapping.getValue().asText();
      String ref = target.startsWith("#") ? target : "#/components/schemas/" + Bundle.escape(target);
      if (bundle.target(ref).isMissingNode()) {
        add(Kind.DANGLING_REF, pointer + "/discriminator/mapping/" + Bundle.escape(mapping.getKey()),
            "discriminator mapping '" + mapping.getKey() + "' points at " + target + ", which does not exist");
      }
    }
  }

  // ---- operations -----------------------------------------------------------------------------------------------

  private void checkOperations() {
    Map<String, Bundle.Operation> byLowerCaseId = new HashMap<>();
    for (Bundle.Operation operation : bundle.operations()) {
      JsonNode id = operation.node().get("operationId");
      if (id == null || !id.isTextual() || id.asText().isBlank()) {
        add(Kind.OPERATION_ID, operation.pointer(), "no operationId: generators invent a name from the path");
      } else {
        Bundle.Operation earlier = byLowerCaseId.putIfAbsent(id.asText().toLowerCase(Locale.ROOT), operation);
        if (earlier != null) {
          String how = earlier.id().equals(id.asText()) ? "duplicates" : "clashes, when case is ignored, with";
          add(Kind.OPERATION_ID, operation.pointer() + "/operationId", "operationId '" + id.asText() + "' " + how
              + " '" + earlier.id() + "' (" + earlier.method().toUpperCase(Locale.ROOT) + " " + earlier.path() + ")");
        }
      }
      checkPathParameters(operation);
      checkParameters(operation.node().path("parameters"), operation.pointer() + "/parameters");
      checkResponses(operation);
    }
    for (Map.Entry<String, JsonNode> path : bundle.root().path("paths").properties()) {
      checkParameters(path.getValue().path("parameters"), "#/paths/" + Bundle.escape(path.getKey()) + "/parameters");
    }
    for (Map.Entry<String, JsonNode> parameter : bundle.root().path("components").path("parameters").properties()) {
      checkParameter(parameter.getValue(), "#/components/parameters/" + Bundle.escape(parameter.getKey()));
    }
  }

  private void checkPathParameters(Bundle.Operation operation) {
    Set<String> declared = bundle.parameters(operation, "path").keySet();
    Set<String> used = new LinkedHashSet<>();
    Matcher matcher = PATH_TEMPLATE.matcher(operation.path());
    while (matcher.find()) {
      used.add(matcher.group(1));
    }
    for (String name : used) {
      if (!declared.contains(name)) {
        add(Kind.UNDECLARED_PATH_PARAMETER, operation.pointer(),
            "path parameter '" + name + "' is used in the path but not declared");
      }
    }
    for (String name : declared) {
      if (!used.contains(name)) {
        add(Kind.UNDECLARED_PATH_PARAMETER, operation.pointer(),
            "path parameter '" + name + "' is declared but the path has no {" + name + "}");
      }
    }
  }

  private void checkParameters(JsonNode parameters, String pointer) {
    for (int i = 0; i < parameters.size(); i++) {
      checkParameter(parameters.get(i), pointer + "/" + i);
    }
  }

  private void checkParameter(JsonNode parameter, String pointer) {
    if (parameter.has("$ref")) {
      return;
    }
    for (String field : List.of("name", "in")) {
      if (!parameter.path(field).isTextual()) {
        add(Kind.INVALID_STRUCTURE, pointer, "a parameter without '" + field + "'");
      }
    }
  }

  private void checkResponses(Bundle.Operation operation) {
    JsonNode responses = operation.node().get("responses");
    if (responses == null || !responses.isObject() || responses.isEmpty()) {
      add(Kind.INVALID_STRUCTURE, operation.pointer(), "an operation without responses");
      return;
    }
    for (Map.Entry<String, JsonNode> response : responses.properties()) {
      if (!response.getValue().has("$ref") && !response.getValue().path("description").isTextual()) {
        add(Kind.INVALID_STRUCTURE, operation.pointer() + "/responses/" + Bundle.escape(response.getKey()),
            "a response without 'description'");
      }
    }
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  private void add(Kind kind, String pointer, String message) {
    problems.add(new SpecProblem(kind, pointer, message));
  }

  private static Iterable<String> iterable(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.properties().forEach(p -> names.add(p.getKey()));
    return names;
  }

  /** The candidate at most two edits away from {@code word} (four letters or longer), or null. */
  static String closest(String word, Iterable<String> candidates) {
    if (word.length() < 4) {
      return null;
    }
    String best = null;
    int bestDistance = 3;
    for (String candidate : candidates) {
      int distance = editDistance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance && !candidate.equals(word)) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
