package com.acme.partoo.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What changed, between two vendor bundles, in the servers and the operations the client uses: {@code SpecDiff <old>
 * <new> [tags-or-operationIds]} (default: the "Connection Tokens" tag). Compares what matters to generated code and
 * callers (the production and sandbox servers the environments take, servers an operation overrides, paths, methods,
 * parameters, request and response fields with their types, formats, enums, bounds, defaults and required flags,
 * response statuses, security), not descriptions or examples. References are followed, so a vendor moving a schema
 * into {@code components} is no change.
 */
public final class SpecDiff {

  private static final List<String> KEYWORDS = List.of("type", "format", "enum", "minimum", "maximum",
      "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern", "default", "nullable", "const");
  private static final int MAX_DEPTH = 6;

  private final Set<String> selectors;

  public SpecDiff(Set<String> selectors) {
    this.selectors = Set.copyOf(selectors);
  }

  /** One difference: {@code +} added, {@code -} removed, {@code ~} changed. */
  public record Change(char sign, String what, String before, String after) {
    @Override
    public String toString() {
      return switch (sign) {
        case '+' -> "+ " + what + ": " + after;
        case '-' -> "- " + what + ": " + before;
        default -> "~ " + what + ": " + before + " -> " + after;
      };
    }
  }

  public static void main(String[] args) {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: SpecDiff <old bundle> <new bundle> [tags-or-operationIds]");
    }
    Set<String> selectors = Arrays.stream((args.length > 2 ? args[2] : "Connection Tokens").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
    List<Change> changes = new SpecDiff(selectors).diff(Bundle.read(Path.of(args[0])), Bundle.read(Path.of(args[1])));
    System.out.println("[partoo-spec] changes to the servers and the operations the client uses ("
        + String.join(", ", selectors)
        + "): " + (changes.isEmpty() ? "none" : changes.size()));
    changes.forEach(change -> System.out.println("  " + change));
  }

  /** The differences, operation by operation, in the new bundle's order (removed operations last). */
  public List<Change> diff(Bundle before, Bundle after) {
    Map<String, String> old = flatten(before);
    Map<String, String> now = flatten(after);
    List<Change> changes = new ArrayList<>();
    now.forEach((what, value) -> {
      if (!old.containsKey(what)) {
        changes.add(new Change('+', what, null, value));
      } else if (!Objects.equals(old.get(what), value)) {
        changes.add(new Change('~', what, old.get(what), value));
      }
    });
    old.forEach((what, value) -> {
      if (!now.containsKey(what)) {
        changes.add(new Change('-', what, value, null));
      }
    });
    return changes;
  }

  /** Everything that matters about the servers and the selected operations, as "what" → "how" lines. */
  Map<String, String> flatten(Bundle bundle) {
    Map<String, String> facts = new LinkedHashMap<>();
    Servers servers = Servers.of(bundle);
    servers.production().ifPresent(url -> facts.put("production server", url));
    servers.sandbox().ifPresent(url -> facts.put("sandbox server", url));
    for (Bundle.Operation operation : bundle.operations()) {
      if (!SpecSlicer.selects(selectors, operation.node())) {
        continue;
      }
      String id = operation.id();
      facts.put(id, operation.method().toUpperCase(Locale.ROOT) + " " + operation.path());
      for (String in : List.of("path", "query", "header", "cookie")) {
        bundle.parameters(operation, in).forEach((name, parameter) -> facts.put(id + " " + in + " parameter " + name,
            describe(bundle.resolve(parameter.path("schema")), parameter.path("required").asBoolean(false))));
      }
      fields(bundle, bundle.requestSchema(operation), id + " request", facts, 0);
      for (Map.Entry<String, JsonNode> response : operation.node().path("responses").properties()) {
        String status = response.getKey();
        facts.put(id + " response " + status, "declared");
        if (status.startsWith("2")) {
          fields(bundle, bundle.responseSchema(operation, status), id + " response " + status, facts, 0);
        }
      }
      JsonNode security = operation.node().has("security")
          ? operation.node().get("security")
          : bundle.root().path("security");
      facts.put(id + " security", security.toString());
      // Servers on the operation or its path item override the root's for it; the client ignores them.
      for (JsonNode overriding : List.of(operation.pathItem().path("servers"), operation.node().path("servers"))) {
        overriding.forEach(server -> facts.put(id + " server " + server.path("url").asText(), "overrides the root's"));
      }
    }
    return facts;
  }

  private void fields(Bundle bundle, JsonNode schema, String where, Map<String, String> facts, int depth) {
    if (schema.isMissingNode() || depth > MAX_DEPTH) {
      return;
    }
    Map<String, JsonNode> properties = bundle.properties(schema);
    for (Map.Entry<String, JsonNode> property : properties.entrySet()) {
      String what = where + " " + property.getKey();
      JsonNode value = property.getValue();
      facts.put(what, describe(value, bundle.isRequired(schema, property.getKey())));
      fields(bundle, value, what, facts, depth + 1);
      if (value.has("items")) {
        JsonNode items = bundle.resolve(value.get("items"));
        facts.put(what + "[]", describe(items, false));
        fields(bundle, items, what + "[]", facts, depth + 1);
      }
    }
  }

  private static String describe(JsonNode schema, boolean required) {
    List<String> parts = new ArrayList<>();
    for (String keyword : KEYWORDS) {
      JsonNode value = schema.get(keyword);
      if (value != null) {
        parts.add(keyword.equals("type") ? value.isTextual() ? value.asText() : value.toString()
            : keyword + " " + (value.isTextual() ? value.asText() : value.toString()));
      }
    }
    if (required) {
      parts.add("required");
    }
    return parts.isEmpty() ? "(untyped)" : String.join(", ", parts);
  }
}
