package com.acme.partoo.it.support;

import com.acme.partoo.spec.Bundle;
import com.acme.partoo.spec.Servers;
import com.acme.partoo.spec.SpecSlicer;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.Response;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks one request/response exchange against Partoo's OpenAPI document ({@code partoo.openapi.spec}, the file the
 * client is generated from) with swagger-request-validator's {@link OpenApiInteractionValidator}.
 *
 * <p>The document validated against is the slice the client is generated from ({@code partoo.operations}, by default
 * the "Connection Tokens" tag, and what those operations reference), cut by the same {@link SpecSlicer}, except that
 * error bodies are kept: a full vendor bundle may carry defects in unrelated operations that would stop the
 * validator's parser, and those must not fail this suite any more than they fail the build.
 *
 * <p>What is checked, and why:
 * <ul>
 *   <li>Every request: path and method, query parameters, {@code Content-Type}, body schema and the {@code x-APIKey}
 *       security scheme.
 *   <li>Responses whose status the operation documents (200, 400, 401, 403, 404): content type and body schema,
 *       strictly. A stub that drifts from the spec is reported.
 *   <li>Responses whose status the spec does not document (429, 5xx, 3xx): the request is still checked, the response
 *       is not. The spec says nothing about them (real proxies answer them with HTML or no body at all), so there is
 *       no contract to hold a stub to; flagging them would force every retry test to silence the validator, which
 *       would hide real drift. Faults (no HTTP answer) likewise check the request only.
 * </ul>
 *
 * <p>Why 2.46.x and a normalising step: swagger-request-validator 3.x (which targets OpenAPI 3.1) needs Java 21, and
 * 2.x, on a 3.1 document, silently skips every {@code type} keyword (swagger-parser stores 3.1 types in
 * {@code Schema.types}, which 2.x never reads) and ignores the root-level {@code security} default. {@link #normalise}
 * closes both gaps on the parsed model (a 3.1 {@code [T, "null"]} becomes 3.0's {@code type: T, nullable: true}, which
 * 2.x reads), and refuses a document that uses a 3.1 construct the 2.x engine (JSON Schema draft 4) would skip without
 * saying so: a new vendor bundle that needs it fails loudly here. 3.0 documents need neither step.
 */
public final class SpecContract {

  /**
   * The path of the spec's production server ({@code /v2} of {@code https://api.partoo.co/v2}), without a trailing
   * slash: the client's requests go under it, so stubs are served under it too.
   */
  public static final String BASE_PATH = basePath(specPath());

  private static volatile SpecContract instance;

  private final OpenAPI api;
  private final OpenApiInteractionValidator validator;

  private SpecContract(OpenAPI api) {
    this.api = api;
    this.validator = OpenApiInteractionValidator.createFor(api)
        // JSON Schema allows properties a schema does not list unless it says `additionalProperties: false`, and
        // Partoo's schemas never do; the validator's stricter default would reject fields Partoo adds later, which
        // the client must (and does) ignore.
        .withLevelResolver(LevelResolver.create()
            .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
            .build())
        .build();
  }

  /** The contract of the spec the build points at; parsed once per JVM. */
  public static SpecContract load() {
    SpecContract contract = instance;
    if (contract == null) {
      synchronized (SpecContract.class) {
        contract = instance;
        if (contract == null) {
          contract = of(specPath());
          instance = contract;
        }
      }
    }
    return contract;
  }

  /**
   * The contract of the spec at {@code path}.
   *
   * @throws IllegalStateException if it does not parse cleanly, or uses what the validator cannot check
   */
  public static SpecContract of(Path path) {
    return new SpecContract(normalise(parse(path)));
  }

  /** The parsed (and normalised) spec, for tests that compare the client's constants with it. */
  public OpenAPI model() {
    return api;
  }

  /** The spec file: from the build ({@code -Dpartoo.openapi.spec}, relative to the project root), else the repository's. */
  public static Path specPath() {
    String configured = System.getProperty("partoo.openapi.spec");
    Path root = Path.of(System.getProperty("partoo.root", ".."));
    Path path = root.resolve(configured != null ? configured : "openapi/openapi.yaml");
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("OpenAPI spec not found at " + path.toAbsolutePath()
          + "; run through Maven, which passes -Dpartoo.openapi.spec");
    }
    return path;
  }

  private static String basePath(Path spec) {
    Servers servers = Servers.of(Bundle.read(spec));
    String production = servers.production().orElseThrow(() -> new IllegalStateException("The OpenAPI spec " + spec
        + " lists no production server (the build's guard says so first): " + servers.listed()));
    return URI.create(production).getRawPath();
  }

  /** The operations the client is generated from ({@code -Dpartoo.operations}, as the build passes it). */
  private static Set<String> operations() {
    return Arrays.stream(System.getProperty("partoo.operations", "Connection Tokens").split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static OpenAPI parse(Path path) {
    String slice;
    try {
      slice = Bundle.YAML.writeValueAsString(
          new SpecSlicer(operations(), "Partoo").withErrorBodies().slice(Bundle.read(path).root()).spec());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot slice the OpenAPI spec " + path, e);
    }
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setResolveFully(true);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(slice, null, options);
    if (result.getOpenAPI() == null || (result.getMessages() != null && !result.getMessages().isEmpty())) {
      throw new IllegalStateException("The OpenAPI spec " + path + " does not parse cleanly: " + result.getMessages());
    }
    return result.getOpenAPI();
  }

  /** Makes the parsed 3.1 model readable by the 2.x validator; see the class comment. */
  static OpenAPI normalise(OpenAPI api) {
    Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (PathItem item : api.getPaths().values()) {
      for (Operation operation : item.readOperations()) {
        // OpenAPI: an operation without its own `security` inherits the root's. 2.x only reads the operation's.
        if (operation.getSecurity() == null && api.getSecurity() != null) {
          operation.setSecurity(api.getSecurity());
        }
        if (operation.getParameters() != null) {
          for (Parameter parameter : operation.getParameters()) {
            normalise(parameter.getSchema(), seen);
          }
        }
        if (operation.getRequestBody() != null) {
          normalise(operation.getRequestBody().getContent(), seen);
        }
        for (ApiResponse response : operation.getResponses().values()) {
          normalise(response.getContent(), seen);
        }
      }
    }
    return api;
  }

  private static void normalise(Content content, Set<Schema<?>> seen) {
    if (content != null) {
      content.values().forEach(media -> normalise(media.getSchema(), seen));
    }
  }

  private static void normalise(Schema<?> schema, Set<Schema<?>> seen) {
    if (schema == null || !seen.add(schema)) {
      return;
    }
    if (schema.getType() == null && schema.getTypes() != null) {
      Set<String> types = new LinkedHashSet<>(schema.getTypes());
      // 3.1's way of saying nullable, [T, "null"], is 3.0's `nullable: true`, which the 2.x engine reads.
      if (types.size() == 2 && types.remove("null")) {
        schema.setNullable(true);
      }
      if (types.size() != 1) {
        throw unsupported("a type array " + schema.getTypes());
      }
      schema.setType(types.iterator().next());
    }
    if (schema.getConst() != null || schema.getPrefixItems() != null || schema.getIf() != null
        || schema.getDependentRequired() != null || schema.getDependentSchemas() != null
        || schema.getUnevaluatedProperties() != null || schema.getExclusiveMaximumValue() != null
        || schema.getExclusiveMinimumValue() != null) {
      throw unsupported("a JSON Schema 2020-12 keyword (const, prefixItems, if, dependent*, unevaluatedProperties or"
          + " a numeric exclusiveMinimum/exclusiveMaximum)");
    }
    if (schema.getProperties() != null) {
      schema.getProperties().values().forEach(property -> normalise(property, seen));
    }
    normalise(schema.getItems(), seen);
    if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
      normalise(additional, seen);
    }
    Stream.of(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())
        .filter(Objects::nonNull)
        .flatMap(List::stream)
        .forEach(part -> normalise(part, seen));
    normalise(schema.getNot(), seen);
  }

  private static IllegalStateException unsupported(String what) {
    return new IllegalStateException("The OpenAPI spec uses " + what + ", which swagger-request-validator 2.x would"
        + " silently skip. The contract tests cannot vouch for it: move to a validator that reads OpenAPI 3.1.");
  }

  /** Every violation of the spec in this exchange, one line each; empty when it conforms. */
  public List<String> violations(ServeEvent event) {
    LoggedRequest loggedRequest = event.getRequest();
    String rawPath = pathOf(loggedRequest.getUrl());
    if (!rawPath.startsWith(BASE_PATH + "/")) {
      return List.of("request " + loggedRequest.getMethod() + " " + rawPath + " is not under the base path "
          + BASE_PATH);
    }
    Request request = toRequest(loggedRequest, rawPath.substring(BASE_PATH.length()));
    LoggedResponse response = event.getResponse();
    if (response == null || response.getFault() != null) {
      String answered = response == null ? "" : " → fault " + response.getFault();
      return errors(validator.validateRequest(request), request, answered);
    }
    return violations(request, toResponse(response));
  }

  /**
   * Every violation of the spec in one exchange given in the validator's terms (path relative to the base path); the
   * response is checked only when the operation documents its status.
   */
  public List<String> violations(Request request, Response response) {
    ValidationReport report = documents(request, response.getStatus())
        ? validator.validate(request, response)
        : validator.validateRequest(request);
    return errors(report, request, " → HTTP " + response.getStatus());
  }

  private static List<String> errors(ValidationReport report, Request request, String answered) {
    List<String> violations = new ArrayList<>();
    for (ValidationReport.Message message : report.getMessages()) {
      if (message.getLevel() == ValidationReport.Level.ERROR) {
        violations.add(message.getKey() + ": " + message.getMessage()
            + " [" + request.getMethod() + " " + request.getPath() + answered + "]");
      }
    }
    return violations;
  }

  /** Whether the spec documents {@code status} for the request's operation (unknown operations count as documented:
   * the validator then reports the unknown path). */
  private boolean documents(Request request, int status) {
    PathItem item = api.getPaths().get(request.getPath());
    if (item == null) {
      return true;
    }
    Operation operation = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(request.getMethod().name()));
    if (operation == null) {
      return true;
    }
    Map<String, ApiResponse> responses = operation.getResponses();
    return responses.containsKey(Integer.toString(status))
        || responses.containsKey(status / 100 + "XX")
        || responses.containsKey("default");
  }

  private static Request toRequest(LoggedRequest logged, String path) {
    SimpleRequest.Builder builder = new SimpleRequest.Builder(logged.getMethod().getName(), path);
    for (HttpHeader header : logged.getHeaders().all()) {
      builder.withHeader(header.key(), header.values());
    }
    queryParameters(logged.getUrl()).forEach(builder::withQueryParam);
    byte[] body = logged.getBody();
    if (body != null && body.length > 0) {
      builder.withBody(body);
    }
    return builder.build();
  }

  private static SimpleResponse toResponse(LoggedResponse logged) {
    SimpleResponse.Builder builder = new SimpleResponse.Builder(logged.getStatus());
    if (logged.getHeaders() != null) {
      for (HttpHeader header : logged.getHeaders().all()) {
        builder.withHeader(header.key(), header.values());
      }
    }
    byte[] body = logged.getBody();
    if (body != null && body.length > 0) {
      builder.withBody(body);
    }
    return builder.build();
  }

  private static String pathOf(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** Query parameters decoded as a server decodes them (form decoding: a literal '+' is a space). */
  static Map<String, List<String>> queryParameters(String url) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    int start = url.indexOf('?');
    if (start < 0) {
      return parameters;
    }
    for (String pair : url.substring(start + 1).split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
      String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      parameters.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
    return parameters;
  }
}
