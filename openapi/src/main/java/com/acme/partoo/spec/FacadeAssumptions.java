package com.acme.partoo.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What the facade relies on in the vendor bundle, each assumption named in one line: the three connection-token
 * operations' paths, methods and operationIds, their request and response fields and types, {@code ttl.maximum},
 * the {@code status} values, the {@code x-APIKey} security scheme and a production server. The facade compiles against names
 * generated from the bundle and hard-codes these facts, so a vendor update that changes one of them must stop the
 * build before anything else fails, saying which.
 */
public final class FacadeAssumptions {

  /** The longest TTL the facade sends; it clamps longer requests to it. */
  public static final int TTL_MAXIMUM = 86_400;
  public static final String GENERATE = "generateConnectionToken";
  public static final String CHECK = "checkConnectionToken";
  public static final String REVOKE = "revokeConnectionToken";
  private static final List<String> STATUSES = List.of("valid", "consumed", "revoked", "expired");

  /** The result of checking one assumption. */
  public record Outcome(String assumption, Status status, String detail) {

    /** The line the build prints when the assumption is broken. */
    public String line() {
      return "Facade assumption broken: " + assumption + "; " + detail;
    }
  }

  public enum Status {
    HOLDS,
    BROKEN,
    /** Not checkable because something it builds on is broken (which its own outcome reports). */
    NOT_CHECKED
  }

  private interface Check {
    /** Returns null when the assumption holds, else what the bundle says instead. */
    String run(Bundle bundle);
  }

  private record Assumption(String name, Check check) {}

  /** Thrown by a check that builds on something missing, which another assumption reports. */
  private static class NotCheckable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotCheckable(String reason) {
      super(reason, null, false, false);
    }
  }

  /** A body field is missing: broken for the assumption about that field, not checkable for the others. */
  private static final class MissingField extends NotCheckable {
    private static final long serialVersionUID = 1L;

    MissingField(String reason) {
      super(reason);
    }
  }

  private static final List<Assumption> ASSUMPTIONS = List.of(
      operation(GENERATE, "post", "/connection/generate_token"),
      operation(CHECK, "get", "/connection/check_token"),
      operation(REVOKE, "post", "/connection/revoke_token"),

      requestField(GENERATE, "user_id", "string", null),
      requestField(GENERATE, "ttl", "integer", null),
      new Assumption(GENERATE + " request field ttl has maximum " + TTL_MAXIMUM
          + " (the facade clamps longer TTLs to it)", bundle -> {
            JsonNode ttl = requestProperty(bundle, GENERATE, "ttl");
            JsonNode maximum = ttl.path("maximum");
            if (!(maximum.isNumber() && maximum.asDouble() == TTL_MAXIMUM)) {
              return "the bundle says " + (maximum.isMissingNode() ? "no maximum" : "maximum " + maximum);
            }
            // OpenAPI 3.0 makes a maximum exclusive with a boolean; 3.1 with a number of its own.
            JsonNode exclusive = ttl.path("exclusiveMaximum");
            boolean excluded = exclusive.isBoolean()
                ? exclusive.booleanValue()
                : exclusive.isNumber() && exclusive.asDouble() <= TTL_MAXIMUM;
            return excluded ? "the bundle makes it exclusive (exclusiveMaximum: " + exclusive + ")" : null;
          }),
      requiredRequestFields(GENERATE, "the facade sends ttl only when asked to", "user_id"),
      responseField(GENERATE, "token", "string", null),
      responseField(GENERATE, "expiration_date", "string", "date-time"),

      queryParameter(CHECK, "user_id"),
      queryParameter(CHECK, "token"),
      responseField(CHECK, "token", "string", null),
      responseField(CHECK, "expiration_date", "string", "date-time"),
      responseField(CHECK, "generated_by", "string", null),
      responseField(CHECK, "creation_date", "string", "date-time"),
      responseField(CHECK, "consumption_date", "string", "date-time"),
      responseField(CHECK, "status", "string", null),
      new Assumption(CHECK + " response field status has the values " + String.join(", ", STATUSES), bundle -> {
        Set<String> values = new LinkedHashSet<>();
        responseProperty(bundle, CHECK, "status").path("enum").forEach(v -> values.add(v.asText()));
        List<String> missing = STATUSES.stream().filter(s -> !values.contains(s)).toList();
        return missing.isEmpty() ? null : "the bundle lacks " + String.join(", ", missing) + " (it has " + values + ")";
      }),

      requestField(REVOKE, "user_id", "string", null),
      requestField(REVOKE, "token", "string", null),
      requiredRequestFields(REVOKE, "what the facade sends", "user_id", "token"),
      new Assumption(REVOKE + " answers 200 on success", bundle ->
          operationOrSkip(bundle, REVOKE).node().path("responses").has("200")
              ? null
              : "the bundle lists " + names(operationOrSkip(bundle, REVOKE).node().path("responses"))),

      new Assumption("the connection-token operations authenticate with the API key header x-APIKey",
          FacadeAssumptions::checkSecurity),
      // The environments follow the bundle's servers (Servers, generated into PartooEnvironment); only production is
      // indispensable: without a sandbox server the build goes on and PartooEnvironment.SANDBOX is unavailable.
      new Assumption("servers include a production server, an https URL described as Production"
          + " (PartooEnvironment.PRODUCTION)", bundle -> {
            Servers servers = Servers.of(bundle);
            return servers.production().isPresent() ? null : "the bundle's servers are " + servers.listed();
          }));

  private FacadeAssumptions() {}

  /** Checks every assumption against the bundle, in a stable order: operations first, then their fields. */
  public static List<Outcome> check(Bundle bundle) {
    List<Outcome> outcomes = new ArrayList<>();
    for (Assumption assumption : ASSUMPTIONS) {
      try {
        String broken = assumption.check().run(bundle);
        outcomes.add(broken == null
            ? new Outcome(assumption.name(), Status.HOLDS, "")
            : new Outcome(assumption.name(), Status.BROKEN, broken));
      } catch (NotCheckable e) {
        outcomes.add(new Outcome(assumption.name(), Status.NOT_CHECKED, e.getMessage()));
      }
    }
    return outcomes;
  }

  // ---- assumption builders --------------------------------------------------------------------------------------

  private static Assumption operation(String operationId, String method, String path) {
    String expected = method.toUpperCase(Locale.ROOT) + " " + path;
    return new Assumption(operationId + " is " + expected, bundle -> {
      Bundle.Operation op = bundle.operation(operationId).orElse(null);
      if (op == null) {
        return "the bundle has no operation " + operationId + elsewhere(bundle, method, path);
      }
      return op.method().equals(method) && op.path().equals(path)
          ? null
          : "the bundle has it as " + op.method().toUpperCase(Locale.ROOT) + " " + op.path();
    });
  }

  private static String elsewhere(Bundle bundle, String method, String path) {
    JsonNode there = bundle.root().path("paths").path(path).path(method);
    return there.isObject() ? " (" + method.toUpperCase(Locale.ROOT) + " " + path + " is now operationId '"
        + there.path("operationId").asText() + "')" : "";
  }

  private static Assumption requestField(String operationId, String field, String type, String format) {
    return bodyField(operationId + " request has field " + field + ", " + describe(type, format),
        bundle -> requestProperty(bundle, operationId, field), type, format);
  }

  private static Assumption responseField(String operationId, String field, String type, String format) {
    return bodyField(operationId + " 200 response has field " + field + ", " + describe(type, format),
        bundle -> responseProperty(bundle, operationId, field), type, format);
  }

  /** A missing field breaks this assumption (the other assumptions about the field are then not checked). */
  private static Assumption bodyField(
      String name, Function<Bundle, JsonNode> property, String type, String format) {
    return new Assumption(name, bundle -> {
      try {
        return typeMismatch(property.apply(bundle), type, format);
      } catch (MissingField e) {
        return e.getMessage();
      }
    });
  }

  private static Assumption requiredRequestFields(String operationId, String why, String... sent) {
    Set<String> allowed = new TreeSet<>(List.of(sent));
    return new Assumption(operationId + " request requires no field but " + String.join(" and ", allowed) + " (" + why
        + ")", bundle -> {
          JsonNode schema = requestSchema(bundle, operationId);
          Set<String> required = new TreeSet<>();
          bundle.properties(schema).keySet().stream().filter(p -> bundle.isRequired(schema, p)).forEach(required::add);
          return allowed.containsAll(required) ? null : "the bundle requires " + required;
        });
  }

  private static Assumption queryParameter(String operationId, String name) {
    return new Assumption(operationId + " takes query parameter " + name + ", a required string", bundle -> {
      Map<String, JsonNode> query = bundle.parameters(operationOrSkip(bundle, operationId), "query");
      JsonNode parameter = query.get(name);
      if (parameter == null) {
        return "the bundle has no query parameter " + name + " (it has " + query.keySet() + ")";
      }
      String mismatch = typeMismatch(bundle.resolve(parameter.path("schema")), "string", null);
      if (mismatch != null) {
        return mismatch;
      }
      return parameter.path("required").asBoolean(false) ? null : "the bundle makes it optional";
    });
  }

  private static String checkSecurity(Bundle bundle) {
    List<String> unprotected = new ArrayList<>();
    for (String operationId : List.of(GENERATE, CHECK, REVOKE)) {
      bundle.operation(operationId).ifPresent(op -> {
        JsonNode requirements = op.node().has("security") ? op.node().get("security") : bundle.root().path("security");
        boolean apiKey = false;
        for (JsonNode requirement : requirements) {
          for (Map.Entry<String, JsonNode> scheme : requirement.properties()) {
            JsonNode definition = bundle.resolve(
                bundle.root().path("components").path("securitySchemes").path(scheme.getKey()));
            apiKey |= definition.path("type").asText().equals("apiKey")
                && definition.path("in").asText().equals("header")
                && definition.path("name").asText().equals("x-APIKey");
          }
        }
        if (!apiKey) {
          unprotected.add(operationId);
        }
      });
    }
    return unprotected.isEmpty() ? null : "no apiKey scheme named x-APIKey in the header secures "
        + String.join(", ", unprotected);
  }

  // ---- navigation -----------------------------------------------------------------------------------------------

  private static Bundle.Operation operationOrSkip(Bundle bundle, String operationId) {
    return bundle.operation(operationId).orElseThrow(() -> new NotCheckable(operationId + " is missing"));
  }

  private static JsonNode requestSchema(Bundle bundle, String operationId) {
    JsonNode schema = bundle.requestSchema(operationOrSkip(bundle, operationId));
    if (schema.isMissingNode()) {
      throw new NotCheckable(operationId + " has no JSON request body");
    }
    return schema;
  }

  private static JsonNode requestProperty(Bundle bundle, String operationId, String field) {
    return property(bundle, requestSchema(bundle, operationId), field, "request body");
  }

  private static JsonNode responseProperty(Bundle bundle, String operationId, String field) {
    JsonNode schema = bundle.responseSchema(operationOrSkip(bundle, operationId), "200");
    if (schema.isMissingNode()) {
      throw new NotCheckable(operationId + " has no JSON 200 response");
    }
    return property(bundle, schema, field, "200 response");
  }

  private static JsonNode property(Bundle bundle, JsonNode schema, String field, String where) {
    Map<String, JsonNode> properties = bundle.properties(schema);
    JsonNode property = properties.get(field);
    if (property == null) {
      throw new MissingField("the bundle's " + where + " has no field " + field
          + " (it has " + String.join(", ", properties.keySet()) + ")");
    }
    return property;
  }

  private static String typeMismatch(JsonNode schema, String type, String format) {
    Set<String> types = new LinkedHashSet<>();
    JsonNode declared = schema.path("type");
    if (declared.isArray()) {
      declared.forEach(t -> types.add(t.asText()));
    } else {
      types.add(declared.asText("(no type)"));
    }
    if (!types.contains(type)) {
      return "the bundle types it " + String.join(" or ", types);
    }
    if (format != null && !format.equals(schema.path("format").asText())) {
      return "the bundle gives it format " + schema.path("format").asText("(none)");
    }
    return null;
  }

  private static String describe(String type, String format) {
    String article = type.startsWith("i") ? "an " : "a ";
    return format == null ? article + type : "a " + format + " " + type;
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.properties().forEach(e -> names.add(e.getKey()));
    return names;
  }
}
