package io.fenz.platform.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;

/**
 * The one JSON mapper of every process (HTTP bodies and answers, events, queues, Paddle, the CLI's
 * {@code --json}): tolerant of unknown fields, strict about types (no "5" for 5, no 5 for "5", no
 * 1.5 for an int), ISO-8601 dates, nulls left out. Dagger graphs get it from {@code
 * PlatformModule}; code outside a graph calls {@link #mapper()}. Nobody configures it further.
 */
public final class Json {
  private static final ObjectMapper MAPPER = build();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static ObjectMapper build() {
    ObjectMapper mapper =
        // Buffers recycled through a shared pool: the default pool keeps them per thread, and every
        // request runs on a virtual thread of its own, so each answer allocated them afresh.
        JsonMapper.builder(
                JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
                    .build())
            .addModule(new JavaTimeModule())
            // Generated accessors instead of reflection: reflective record accessors were a third
            // of the feed's JSON time.
            .addModule(new BlackbirdModule())
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    for (LogicalType type :
        new LogicalType[] {
          LogicalType.Textual,
          LogicalType.Integer,
          LogicalType.Float,
          LogicalType.Boolean,
          LogicalType.Enum
        }) {
      mapper
          .coercionConfigFor(type)
          .setCoercion(
              CoercionInputShape.Integer,
              type == LogicalType.Integer || type == LogicalType.Float
                  ? CoercionAction.TryConvert
                  : CoercionAction.Fail)
          .setCoercion(
              CoercionInputShape.Float,
              type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(
              CoercionInputShape.Boolean,
              type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
          .setCoercion(
              CoercionInputShape.String,
              type == LogicalType.Textual || type == LogicalType.Enum
                  ? CoercionAction.TryConvert
                  : CoercionAction.Fail);
    }
    return mapper;
  }
}
