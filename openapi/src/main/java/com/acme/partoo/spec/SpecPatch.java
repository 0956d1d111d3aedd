package com.acme.partoo.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reviewable patch step: fixes for vendor-bundle defects that generator configuration cannot fix, applied to the
 * bundle before it is sliced. A patch file is YAML:
 *
 * <pre>
 * fixes:
 *   - why: GET /business/{business_id}/duplicates uses {business_id} but does not declare it
 *     patch:                         # RFC 6902 JSON Patch operations: add, remove, replace, move, copy, test
 *       - {op: test, path: ..., absent: true}
 *       - {op: add, path: ..., value: ...}
 * </pre>
 *
 * <p>One extension to RFC 6902: {@code {op: test, path: ..., absent: true}} tests that nothing is at the path, so
 * that a fix adding what the vendor forgot stops applying once the vendor adds it.
 *
 * <p>Each fix is all-or-nothing: when one of its operations does not apply (a {@code test} fails, a path is gone)
 * the fix is skipped and reported, and the bundle is left as it was. Start each fix with a {@code test} of the defect
 * it repairs, so that it stops applying, rather than overwriting, once the vendor fixes the bundle.
 */
public final class SpecPatch {

  /** One fix: why it exists and its JSON Patch operations. */
  public record Fix(String why, JsonNode operations) {}

  /** What applying the patch did. */
  public record Result(List<Fix> applied, List<String> skipped) {}

  private final List<Fix> fixes;

  public SpecPatch(List<Fix> fixes) {
    this.fixes = List.copyOf(fixes);
  }

  /** Reads a patch file; a file without fixes is an empty patch. */
  public static SpecPatch read(Path file) {
    JsonNode root = Bundle.read(file).root();
    List<Fix> fixes = new ArrayList<>();
    for (JsonNode fix : root.path("fixes")) {
      if (!fix.path("patch").isArray()) {
        throw new SpecException(file + ": the fix '" + fix.path("why").asText("?") + "' has no 'patch' list");
      }
      fixes.add(new Fix(fix.path("why").asText("(no reason given)"), fix.get("patch")));
    }
    return new SpecPatch(fixes);
  }

  /** Applies every fix that applies, in order, to {@code document} (modified in place). */
  public Result apply(ObjectNode document) {
    List<Fix> applied = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (Fix fix : fixes) {
      ObjectNode attempt = document.deepCopy();
      try {
        for (JsonNode operation : fix.operations()) {
          applyOperation(attempt, operation);
        }
        document.removeAll();
        document.setAll(attempt);
        applied.add(fix);
      } catch (SpecException e) {
        skipped.add("'" + fix.why() + "': " + e.getMessage());
      }
    }
    return new Result(applied, skipped);
  }

  private static void applyOperation(ObjectNode document, JsonNode operation) {
    String op = operation.path("op").asText();
    String path = operation.path("path").asText();
    switch (op) {
      case "test" -> {
        JsonNode actual = document.at(path);
        boolean passes = operation.path("absent").asBoolean(false)
            ? actual.isMissingNode()
            : actual.equals(operation.path("value"));
        if (!passes) {
          throw new SpecException("test failed at " + path + " (the bundle changed there)");
        }
      }
      case "add" -> add(document, path, operation.path("value").deepCopy());
      case "remove" -> remove(document, path);
      case "replace" -> {
        remove(document, path);
        add(document, path, operation.path("value").deepCopy());
      }
      case "move" -> {
        String from = operation.path("from").asText();
        JsonNode value = remove(document, from);
        add(document, path, value);
      }
      case "copy" -> add(document, path, existing(document, operation.path("from").asText()).deepCopy());
      default -> throw new SpecException("unknown JSON Patch op '" + op + "'");
    }
  }

  private static void add(ObjectNode document, String path, JsonNode value) {
    JsonNode parent = existing(document, parentOf(path));
    String last = Bundle.unescape(path.substring(path.lastIndexOf('/') + 1));
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      if (last.equals("-")) {
        array.add(value);
      } else {
        array.insert(index(array, last, true), value);
      }
    } else {
      throw new SpecException("cannot add under " + parentOf(path) + ", which is not an object or a list");
    }
  }

  private static JsonNode remove(ObjectNode document, String path) {
    JsonNode removed = existing(document, path);
    JsonNode parent = document.at(parentOf(path));
    String last = Bundle.unescape(path.substring(path.lastIndexOf('/') + 1));
    if (parent instanceof ObjectNode object) {
      object.remove(last);
    } else {
      ((ArrayNode) parent).remove(index(parent, last, false));
    }
    return removed;
  }

  private static JsonNode existing(ObjectNode document, String path) {
    JsonNode node = path.isEmpty() ? document : document.at(path);
    if (node.isMissingNode()) {
      throw new SpecException(path + " does not exist (the bundle changed there)");
    }
    return node;
  }

  private static String parentOf(String path) {
    if (!path.startsWith("/")) {
      throw new SpecException("'" + path + "' is not a JSON pointer");
    }
    return path.substring(0, path.lastIndexOf('/'));
  }

  private static int index(JsonNode array, String token, boolean mayBeSize) {
    try {
      int index = Integer.parseInt(token);
      if (index >= 0 && (index < array.size() || mayBeSize && index == array.size())) {
        return index;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new SpecException("'" + token + "' is not an index of a list of " + array.size());
  }
}
