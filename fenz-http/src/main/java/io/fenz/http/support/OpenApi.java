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

/** Builds the OpenAPI 3.1 document from the route table; request/response schemas come from the records. */
public final class OpenApi {
  private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}]+)}");

  private OpenApi() {}

  public static Map<String, Object> document(List<RouteTable.Route> routes, String version) {
    Map<String, Object> schemas = new LinkedHashMap<>();
    schemas.put("Problem", problemSchema());
    Map<String, Object> paths = new LinkedHashMap<>();
    for (RouteTable.Route route : routes) {
      @SuppressWarnings("unchecked")
      Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.path(), p -> new LinkedHashMap<>());
      item.put(route.method().name().toLowerCase(Locale.ROOT), operation(route, schemas));
    }
    return Map.of(
        "openapi", "3.1.0",
        "info", Map.of("title", "FenzVideo API", "version", version,
            "description", "Errors are application/problem+json with a stable `code`; see each operation's error codes."),
        "paths", paths,
        "components", Map.of("schemas", schemas,
            "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"))));
  }

  private static Map<String, Object> operation(RouteTable.Route route, Map<String, Object> schemas) {
    Map<String, Object> op = new LinkedHashMap<>();
    op.put("tags", List.of(route.tag()));
    op.put("summary", route.summary());
    op.put("operationId", route.method().name().toLowerCase(Locale.ROOT) + route.path().replaceAll("[^A-Za-z0-9]+", "_"));
    List<Map<String, Object>> parameters = new java.util.ArrayList<>();
    Matcher m = PATH_PARAM.matcher(route.path());
    while (m.find()) {
      parameters.add(Map.of("name", m.group(1), "in", "path", "required", true, "schema", Map.of("type", "integer", "minimum", 1)));
    }
    for (RouteTable.QueryParam q : route.queryParams()) {
      Map<String, Object> schema = new LinkedHashMap<>();
      schema.put("type", q.type());
      if (!q.allowed().isEmpty()) {
        schema.put("enum", q.allowed());
      }
      parameters.add(Map.of("name", q.name(), "in", "query", "description", q.description(), "schema", schema));
    }
    if (route.readsGuestSession()) {
      parameters.add(Map.of("name", Viewers.SESSION_HEADER, "in", "header", "required", false,
          "description", "A guest's session id (a UUID the app makes once and keeps); ignored when a bearer token is sent",
          "schema", Map.of("type", "string", "format", "uuid")));
    }
    if (route.responseIsPage()) {
      parameters.add(Map.of("name", "page", "in", "query", "schema", Map.of("type", "integer", "minimum", 1, "default", 1)));
      parameters.add(Map.of("name", "pageSize", "in", "query", "schema", Map.of("type", "integer", "minimum", 1, "maximum", 100, "default", 20)));
    }
    if (!parameters.isEmpty()) {
      op.put("parameters", parameters);
    }
    if (route.access() == Access.USER || route.access() == Access.ADMIN) {
      op.put("security", List.of(Map.of("bearer", List.of())));
    }
    op.put("x-access", route.access().name().toLowerCase(Locale.ROOT));
    if (route.request() != null) {
      op.put("requestBody", Map.of("required", true, "content", Map.of("application/json", Map.of("schema", ref(route.request(), schemas)))));
    }
    Map<String, Object> responses = new LinkedHashMap<>();
    Map<String, Object> ok = new LinkedHashMap<>();
    ok.put("description", route.status() == 204 ? "No content" : "Success");
    if (route.response() != null) {
      Object schema = route.responseIsPage() ? pageSchema(route.response(), schemas) : ref(route.response(), schemas);
      ok.put("content", Map.of("application/json", Map.of("schema", schema)));
    }
    responses.put(Integer.toString(route.status()), ok);
    responses.put("default", Map.of("description", "Problem; codes: " + String.join(", ", codes(route)),
        "content", Map.of("application/problem+json", Map.of("schema", Map.of("$ref", "#/components/schemas/Problem")))));
    op.put("responses", responses);
    return op;
  }

  private static List<String> codes(RouteTable.Route route) {
    List<String> codes = new java.util.ArrayList<>(route.errorCodes());
    if (route.request() != null) {
      codes.add("invalid_request");
    }
    if (route.access() == Access.USER || route.access() == Access.ADMIN) {
      codes.add("invalid_token");
    }
    if (route.access() == Access.ADMIN) {
      codes.add("admin_only");
    }
    return codes.isEmpty() ? List.of("internal_error") : codes;
  }

  private static Map<String, Object> pageSchema(Class<?> item, Map<String, Object> schemas) {
    return Map.of("type", "object", "properties", Map.of(
        "items", Map.of("type", "array", "items", ref(item, schemas)),
        "page", Map.of("type", "integer"), "pageSize", Map.of("type", "integer"), "total", Map.of("type", "integer")));
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
    if (type.isRecord()) {
      for (RecordComponent component : type.getRecordComponents()) {
        properties.put(component.getName(), schema(component.getGenericType(), schemas));
      }
    }
    return Map.of("type", "object", "properties", properties);
  }

  private static Object schema(Type type, Map<String, Object> schemas) {
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw && Collection.class.isAssignableFrom(raw)) {
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
      return Map.of("type", "string", "enum", java.util.Arrays.stream(c.getEnumConstants()).map(Object::toString).toList());
    }
    if (Map.class.isAssignableFrom(c)) {
      return Map.of("type", "object");
    }
    return ref(c, schemas);
  }

  private static Map<String, Object> problemSchema() {
    return Map.of("type", "object", "required", List.of("type", "title", "status", "code", "detail"), "properties", Map.of(
        "type", Map.of("type", "string"), "title", Map.of("type", "string"), "status", Map.of("type", "integer"),
        "code", Map.of("type", "string"), "detail", Map.of("type", "string"),
        "errors", Map.of("type", "array", "items", Map.of("type", "object", "properties", Map.of(
            "field", Map.of("type", "string"), "code", Map.of("type", "string"), "message", Map.of("type", "string"))))));
  }
}
