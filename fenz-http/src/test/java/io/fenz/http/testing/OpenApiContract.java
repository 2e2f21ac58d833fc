package io.fenz.http.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Checks an answer against the served OpenAPI document's {@code required} properties. */
public final class OpenApiContract {
  private static final String REF = "#/components/schemas/";

  private OpenApiContract() {}

  /**
   * The required properties {@code value} lacks, as paths from its root, following the schema's
   * references into nested objects and arrays; empty when the answer carries all it promises.
   */
  public static List<String> missingRequired(JsonNode doc, String schema, JsonNode value) {
    List<String> missing = new ArrayList<>();
    walk(doc, doc.path("components").path("schemas").path(schema), value, schema, missing);
    return missing;
  }

  private static void walk(
      JsonNode doc, JsonNode schema, JsonNode value, String at, List<String> missing) {
    if (schema.has("$ref")) {
      String name = schema.path("$ref").asText().substring(REF.length());
      walk(doc, doc.path("components").path("schemas").path(name), value, at, missing);
      return;
    }
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        walk(doc, schema.path("items"), value.get(i), at + "[" + i + "]", missing);
      }
      return;
    }
    if (!value.isObject()) {
      return;
    }
    for (JsonNode name : schema.path("required")) {
      if (!value.has(name.asText())) {
        missing.add(at + "." + name.asText());
      }
    }
    schema
        .path("properties")
        .properties()
        .forEach(
            p -> {
              if (value.has(p.getKey())) {
                walk(doc, p.getValue(), value.get(p.getKey()), at + "." + p.getKey(), missing);
              }
            });
  }
}
