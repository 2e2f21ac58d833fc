package io.fenz.http.support;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.fenz.platform.PageRequest;
import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.FieldError;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads path, query and JSON body input, turning every malformed piece into a 400 problem. */
public final class Requests {
  private final ObjectMapper mapper;
  private final long maxJsonBytes;

  public Requests(ObjectMapper mapper, long maxJsonBytes) {
    this.mapper = mapper;
    this.maxJsonBytes = maxJsonBytes;
  }

  /** Parses the body as one JSON object of {@code type}; absent body, bad JSON or wrong types -> 400. */
  public <T> T body(Context ctx, Class<T> type) {
    byte[] bytes = readLimited(ctx);
    if (bytes.length == 0) {
      throw FenzException.invalidInput("invalid_request", "A JSON object body is required.");
    }
    // One pass: the first token says whether it is an object, the same parser then binds it.
    try (JsonParser parser = mapper.createParser(bytes)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw FenzException.invalidInput("invalid_request", "The body must be a JSON object.");
      }
      return mapper.readValue(parser, type);
    } catch (MismatchedInputException e) {
      String field = e.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining("."));
      String message = (e instanceof InvalidFormatException ? "has an invalid value" : "has the wrong JSON type");
      throw new FenzException(ErrorKind.INVALID_INPUT, "invalid_request", "Field '" + field + "' " + message + ".",
          List.of(new FieldError(field, "wrong_type", field + " " + message + ".")), Map.of());
    } catch (JacksonException e) {
      throw FenzException.invalidInput("invalid_request", "The body is not valid JSON.");
    } catch (IOException e) {
      throw FenzException.invalidInput("invalid_request", "The body could not be read.");
    }
  }

  private byte[] readLimited(Context ctx) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxJsonBytes) {
      throw tooLarge();
    }
    try (InputStream in = ctx.bodyInputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxJsonBytes + 1));
      if (bytes.length > maxJsonBytes) {
        throw tooLarge();
      }
      return bytes;
    } catch (IOException e) {
      throw FenzException.invalidInput("invalid_request", "The body could not be read.");
    }
  }

  private FenzException tooLarge() {
    return new FenzException(ErrorKind.TOO_LARGE, "payload_too_large", "The JSON body is larger than " + maxJsonBytes + " bytes.");
  }

  public static long pathId(Context ctx, String name) {
    String raw = ctx.pathParam(name);
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new FenzException(ErrorKind.INVALID_INPUT, "invalid_request", "Path parameter '" + name + "' must be a positive whole number.",
        List.of(new FieldError(name, "not_an_id", name + " must be a positive whole number.")), Map.of());
  }

  public static int queryInt(Context ctx, String name, int fallback) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new FenzException(ErrorKind.INVALID_INPUT, "invalid_request", "Query parameter '" + name + "' must be a whole number.",
          List.of(new FieldError(name, "not_a_number", name + " must be a whole number.")), Map.of());
    }
  }

  /** A whole-number query parameter, or null when absent; anything else -> 400 {@code invalid_request}. */
  public static Long queryLong(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw new FenzException(ErrorKind.INVALID_INPUT, "invalid_request", "Query parameter '" + name + "' must be a whole number.",
          List.of(new FieldError(name, "not_a_number", name + " must be a whole number.")), Map.of());
    }
  }

  public static Boolean queryBoolean(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    return switch (raw) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new FenzException(ErrorKind.INVALID_INPUT, "invalid_request", "Query parameter '" + name + "' must be true or false.",
          List.of(new FieldError(name, "not_a_boolean", name + " must be true or false.")), Map.of());
    };
  }

  public static <E extends Enum<E>> E queryEnum(Context ctx, String name, Class<E> type) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    for (E value : type.getEnumConstants()) {
      if (value.name().equalsIgnoreCase(raw)) {
        return value;
      }
    }
    String allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    throw new FenzException(ErrorKind.INVALID_INPUT, "invalid_request", "Query parameter '" + name + "' must be one of " + allowed + ".",
        List.of(new FieldError(name, "not_allowed", name + " must be one of " + allowed + ".")), Map.of());
  }

  public static PageRequest page(Context ctx) {
    return new PageRequest(queryInt(ctx, "page", 1), queryInt(ctx, "pageSize", PageRequest.DEFAULT_SIZE));
  }
}
