package io.fenz.http.support;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Builds the OpenAPI 3.1 document from the route table; request/response schemas come from the
 * records. Each operation's {@code security} follows its declared {@link Access}: a bearer token
 * for USER and ADMIN; for ANYONE, optionally a bearer token, and a guest session too when the route
 * declares {@code invalid_session_id} (it reads {@code X-Session-Id}); the signed URL for
 * SIGNATURE. Its error answers are listed per status ({@link ProblemCodes}), each naming its codes.
 *
 * <p>A record's properties are all {@code required} but its components marked {@link Nullable}: the
 * mapper leaves nulls out ({@code Json}), so a null component is an absent property.
 */
public final class OpenApi {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");
  private static final String BEARER = "bearerAuth";
  private static final String GUEST = "guestSession";
  private static final String SIGNED = "signedUrl";
  private static final Map<String, Object> SECURITY_SCHEMES =
      Map.of(
          BEARER,
              Map.of(
                  "type",
                  "http",
                  "scheme",
                  "bearer",
                  "bearerFormat",
                  "JWT",
                  "description",
                  "The access token from /api/v1/auth/login, /register or /refresh."),
          GUEST,
              Map.of(
                  "type",
                  "apiKey",
                  "in",
                  "header",
                  "name",
                  "X-Session-Id",
                  "description",
                  "A guest's session id: a UUID the client makes once; holds a guest's tag picks and views."),
          SIGNED,
              Map.of(
                  "type",
                  "apiKey",
                  "in",
                  "query",
                  "name",
                  "sig",
                  "description",
                  "The signature of a playback URL from /api/v1/videos/{id}/playback (with its viewer and exp)."));

  private OpenApi() {}

  public static Map<String, Object> document(List<RouteTable.Route> routes, String version) {
    Map<String, Object> schemas = new LinkedHashMap<>();
    schemas.put("Problem", problemSchema());
    Map<String, Object> paths = new LinkedHashMap<>();
    for (RouteTable.Route route : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item =
          (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>());
      item.put(route.method().name().toLowerCase(Locale.ROOT), operation(route, schemas));
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("openapi", "3.1.0");
    document.put(
        "info",
        Map.of(
            "title",
            "FenzVideo API",
            "version",
            version,
            "description",
            "Errors are application/problem+json with a stable `code`; see each operation's error answers.",
            "license",
            Map.of("name", "Proprietary", "identifier", "LicenseRef-FenzVideo")));
    document.put(
        "servers",
        List.of(Map.of("url", "/", "description", "The server that serves this document")));
    document.put("paths", paths);
    document.put("components", Map.of("schemas", schemas, "securitySchemes", SECURITY_SCHEMES));
    return document;
  }

  private static Map<String, Object> operation(
      RouteTable.Route route, Map<String, Object> schemas) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("tags", List.of(route.tag()));
    op.put("summary", route.summary());
    op.put(
        "operationId",
        route.method().name().toLowerCase(Locale.ROOT)
            + route.path().replaceAll("[^A-Za-z0-9]+", "_"));
    List<Map<String, Object>> parameters = new java.util.ArrayList<>();
    Matcher m = PATH_PARAM.matcher(route.path());
    while (m.find()) {
      parameters.add(
          Map.of(
              "name",
              m.group(1),
              "in",
              "path",
              "required",
              true,
              "schema",
              Map.of("type", "integer", "minimum", 1)));
    }
    for (RouteTable.QueryParam q : route.queryParams()) {
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("type", q.type());
      if (!q.allowed().isEmpty()) {
        schema.put("enum", q.allowed());
      }
      parameters.add(
          Map.of(
              "name", q.name(), "in", "query", "description", q.description(), "schema", schema));
    }
    if (route.readsGuestSession()) {
      parameters.add(
          Map.of(
              "name",
              Viewers.SESSION_HEADER,
              "in",
              "header",
              "required",
              false,
              "description",
              "A guest's session id (a UUID the app makes once and keeps); ignored when a bearer token is sent",
              "schema",
              Map.of("type", "string", "format", "uuid")));
    }
    if (route.responseIsPage()) {
      parameters.add(
          Map.of(
              "name",
              "page",
              "in",
              "query",
              "schema",
              Map.of("type", "integer", "minimum", 1, "default", 1)));
      parameters.add(
          Map.of(
              "name",
              "pageSize",
              "in",
              "query",
              "schema",
              Map.of("type", "integer", "minimum", 1, "maximum", 100, "default", 20)));
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    op.put("security", security(route));
    op.put("x-access", route.access().name().toLowerCase(Locale.ROOT));
    if (route.request() != null) {
      op.put(
          "requestBody",
          Map.of(
              "required",
              true,
              "content",
              Map.of("application/json", Map.of("schema", ref(route.request(), schemas)))));
    }
    Map<String, Object> responses = new LinkedHashMap<>();
    Map<String, Object> ok = new LinkedHashMap<>();
    ok.put("description", route.status() == 204 ? "No content" : "Success");
    if (route.response() != null) {
      Object schema =
          route.responseIsPage()
              ? pageSchema(route.response(), schemas)
              : ref(route.response(), schemas);
      ok.put("content", Map.of("application/json", Map.of("schema", schema)));
    }
    responses.put(Integer.toString(route.status()), ok);
    Map<Integer, List<String>> byStatus = new java.util.TreeMap<>();
    for (String code : codes(route)) {
      byStatus
          .computeIfAbsent(ProblemCodes.status(code), s -> new java.util.ArrayList<>())
          .add(code);
    }
    byStatus.forEach(
        (status, codes) ->
            responses.put(
                Integer.toString(status),
                problem("Problem with code " + String.join(" or ", codes))));
    responses.put(
        "default",
        problem("Unexpected error (code internal_error, with an errorId in the server log)"));
    op.put("responses", responses);
    return op;
  }

  private static Map<String, Object> problem(String description) {
    return Map.of(
        "description",
        description,
        "content",
        Map.of(
            "application/problem+json",
            Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));
  }

  /** Alternatives, any one of which suffices; {@code {}} means none is needed. */
  private static List<Map<String, List<String>>> security(RouteTable.Route route) {
    return switch (route.access()) {
      case USER, ADMIN -> List.of(Map.of(BEARER, List.of()));
      case SIGNATURE -> List.of(Map.of(SIGNED, List.of()));
      case ANYONE ->
          route.errorCodes().contains("invalid_session_id")
              ? List.of(Map.of(), Map.of(BEARER, List.of()), Map.of(GUEST, List.of()))
              : List.of(Map.of(), Map.of(BEARER, List.of()));
    };
  }

  private static List<String> codes(RouteTable.Route route) {
    java.util.Set<String> codes = new java.util.LinkedHashSet<>(route.errorCodes());
    if (route.request() != null
        || route.path().contains("{")
        || route.responseIsPage()
        || !route.queryParams().isEmpty()) {
      codes.add("invalid_request");
    }
    if (route.request() != null) {
      codes.add("payload_too_large");
    }
    if (route.access() == Access.USER || route.access() == Access.ADMIN) {
      codes.addAll(
          List.of(
              "authentication_required",
              "invalid_token",
              "account_unavailable",
              "session_revoked"));
    }
    if (route.access() == Access.ADMIN) {
      codes.add("admin_only");
    }
    return List.copyOf(codes);
  }

  private static Map<String, Object> pageSchema(Class<?> item, Map<String, Object> schemas) {
    return Map.of(
        "type",
        "object",
        "required",
        List.of("items", "page", "pageSize", "total"),
        "properties",
        Map.of(
            "items",
            Map.of("type", "array", "items", ref(item, schemas)),
            "page",
            Map.of("type", "integer"),
            "pageSize",
            Map.of("type", "integer"),
            "total",
            Map.of("type", "integer")));
  }

  private static Map<String, Object> ref(Class<?> type, Map<String, Object> schemas) {
    if (!schemas.containsKey(type.getSimpleName())) {
      schemas.put(type.getSimpleName(), Map.of());
      schemas.put(type.getSimpleName(), objectSchema(type, schemas));
    }
    return Map.of("$ref", "#/components/schemas/" + type.getSimpleName());
  }

  private static Map<String, Object> objectSchema(Class<?> type, Map<String, Object> schemas) {
    Map<String, Object> properties = new LinkedHashMap<>();
    List<String> required = new java.util.ArrayList<>();
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        properties.put(component.getName(), schema(component.getGenericType(), schemas));
        if (!component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
          required.add(component.getName());
        }
      }
    }
    return required.isEmpty()
        ? Map.of("type", "object", "properties", properties)
        : Map.of("type", "object", "properties", properties, "required", required);
  }

  private static Object schema(Type type, Map<String, Object> schemas) {
    if (type instanceof ParameterizedType p
        && p.getRawType() instanceof Class<?> raw
        && Collection.class.isAssignableFrom(raw)) {
      return Map.of("type", "array", "items", schema(p.getActualTypeArguments()[0], schemas));
    }
    if (!(type instanceof Class<?> c)) {
      return Map.of();
    }
    if (c == String.class) {
      return Map.of("type", "string");
    }
    if (c == long.class || c == Long.class || c == int.class || c == Integer.class) {
      return Map.of("type", "integer");
    }
    if (c == boolean.class || c == Boolean.class) {
      return Map.of("type", "boolean");
    }
    if (c == double.class || c == Double.class) {
      return Map.of("type", "number");
    }
    if (c == Instant.class) {
      return Map.of("type", "string", "format", "date-time");
    }
    if (c.isEnum()) {
      return Map.of(
          "type",
          "string",
          "enum",
          java.util.Arrays.stream(c.getEnumConstants()).map(Object::toString).toList());
    }
    if (Map.class.isAssignableFrom(c)) {
      return Map.of("type", "object");
    }
    return ref(c, schemas);
  }

  private static Map<String, Object> problemSchema() {
    return Map.of(
        "type",
        "object",
        "required",
        List.of("type", "title", "status", "code", "detail"),
        "properties",
        Map.of(
            "type",
            Map.of("type", "string"),
            "title",
            Map.of("type", "string"),
            "status",
            Map.of("type", "integer"),
            "code",
            Map.of("type", "string"),
            "detail",
            Map.of("type", "string"),
            "errors",
            Map.of(
                "type",
                "array",
                "items",
                Map.of(
                    "type",
                    "object",
                    "required",
                    List.of("field", "code", "message"),
                    "properties",
                    Map.of(
                        "field",
                        Map.of("type", "string"),
                        "code",
                        Map.of("type", "string"),
                        "message",
                        Map.of("type", "string"))))));
  }
}
