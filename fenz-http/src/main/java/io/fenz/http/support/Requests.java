package io.fenz.http.support;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads path, query and JSON body input, turning every malformed piece into a 400 problem. Every
 * string in a JSON body must be text: no lone surrogate halves, no NUL or other control characters
 * (newline and tab only in the multi-line fields), else 422 with one field error per bad field.
 */
public final class Requests {
  private static final Set<String> MULTILINE_FIELDS = Set.of("description", "message");
  private static final Pattern ASCII_ID = Pattern.compile("[0-9]{1,18}");
  private static final Pattern ASCII_INTEGER = Pattern.compile("-?[0-9]{1,18}");
  private final ObjectMapper mapper;
  private final long maxJsonBytes;

  public Requests(ObjectMapper mapper, long maxJsonBytes) {
    this.mapper = mapper;
    this.maxJsonBytes = maxJsonBytes;
  }

  /**
   * Parses the body as one JSON object of {@code type}; absent body, bad JSON or wrong types ->
   * 400; non-text or out-of-range values -> 422.
   */
  public <T> T body(Context ctx, Class<T> type) {
    byte[] bytes = readLimited(ctx);
    if (bytes.length == 0) {
      throw FenzException.invalidInput("invalid_request", "A JSON object body is required.");
    }
    try {
      JsonNode tree = mapper.readTree(bytes);
      if (!tree.isObject()) {
        throw FenzException.invalidInput("invalid_request", "The body must be a JSON object.");
      }
      List<FieldError> notText = new ArrayList<>();
      findNonText(tree, "", false, notText);
      if (!notText.isEmpty()) {
        throw FenzException.validation(notText);
      }
      // One parse: the tree that was checked is the one bound.
      return mapper.treeToValue(tree, type);
    } catch (MismatchedInputException e) {
      String field = fieldOf(e.getPath());
      String message =
          (e instanceof InvalidFormatException
              ? "has an invalid value"
              : "has the wrong JSON type");
      throw invalidRequest("Field '" + field + "'", field, "wrong_type", message);
    } catch (JsonMappingException e) {
      if (e.getCause() instanceof InputCoercionException) {
        // A number too large for its field: well-formed JSON breaking a rule.
        String field = fieldOf(e.getPath());
        throw FenzException.validation(
            List.of(new FieldError(field, "out_of_range", field + " is out of range.")));
      }
      throw FenzException.invalidInput("invalid_request", "The body is not valid JSON.");
    } catch (JacksonException e) {
      throw FenzException.invalidInput("invalid_request", "The body is not valid JSON.");
    } catch (IOException e) {
      throw FenzException.invalidInput("invalid_request", "The body could not be read.");
    }
  }

  private static void findNonText(
      JsonNode node, String path, boolean multiline, List<FieldError> errors) {
    if (node.isTextual()) {
      String problem = textProblem(node.textValue(), multiline);
      if (problem != null) {
        errors.add(new FieldError(path, "invalid_characters", path + " " + problem + "."));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        findNonText(node.get(i), path + "[" + i + "]", multiline, errors);
      }
    } else if (node.isObject()) {
      node.properties()
          .forEach(
              field ->
                  findNonText(
                      field.getValue(),
                      path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                      MULTILINE_FIELDS.contains(field.getKey()),
                      errors));
    }
  }

  /** Why {@code value} is not acceptable text, or null when it is. */
  static String textProblem(String value, boolean multiline) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an unpaired surrogate (not valid Unicode text)";
      } else if (Character.isISOControl(c)
          && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
        return c == 0 ? "contains a NUL character" : "contains a control character";
      }
    }
    return null;
  }

  /** {@code tagIds[0]}, {@code a.b}: how fields are named in field errors. */
  private static String fieldOf(List<JsonMappingException.Reference> path) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference ref : path) {
      appendField(field, ref.getFieldName(), ref.getIndex());
    }
    return field.toString();
  }

  private static void appendField(StringBuilder field, String name, int index) {
    if (name == null) {
      field.append('[').append(index).append(']');
    } else {
      field.append(field.isEmpty() ? "" : ".").append(name);
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
    return new FenzException(
        ErrorKind.TOO_LARGE,
        "payload_too_large",
        "The JSON body is larger than " + maxJsonBytes + " bytes.");
  }

  public static long pathId(Context ctx, String name) {
    String raw = ctx.pathParam(name);
    // ASCII only: Long.parseLong would also read other scripts' digits (fullwidth "１６" as 16).
    if (ASCII_ID.matcher(raw).matches() && Long.parseLong(raw) > 0) {
      return Long.parseLong(raw);
    }
    throw invalidRequest(
        "Path parameter '" + name + "'", name, "not_an_id", "must be a positive whole number");
  }

  public static int queryInt(Context ctx, String name, int fallback) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isEmpty()) {
      return fallback;
    }
    try {
      if (!ASCII_INTEGER.matcher(raw).matches()) {
        throw new NumberFormatException(raw);
      }
      return Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw notAWholeNumber(name);
    }
  }

  /**
   * A whole-number query parameter, or null when absent; anything else -> 400 {@code
   * invalid_request}.
   */
  public static Long queryLong(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      if (!ASCII_INTEGER.matcher(raw.strip()).matches()) {
        throw new NumberFormatException(raw);
      }
      return Long.parseLong(raw.strip());
    } catch (NumberFormatException e) {
      throw notAWholeNumber(name);
    }
  }

  private static FenzException notAWholeNumber(String name) {
    return invalidRequest(
        "Query parameter '" + name + "'", name, "not_a_number", "must be a whole number");
  }

  /**
   * 400 {@code invalid_request} for one bad input: "{label} {rule}." with the field's own "{field}
   * {rule}.".
   */
  private static FenzException invalidRequest(
      String label, String field, String errorCode, String rule) {
    return new FenzException(
        ErrorKind.INVALID_INPUT,
        "invalid_request",
        label + " " + rule + ".",
        List.of(new FieldError(field, errorCode, field + " " + rule + ".")),
        Map.of());
  }

  public static Boolean queryBoolean(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    return switch (raw) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw invalidRequest(
              "Query parameter '" + name + "'", name, "not_a_boolean", "must be true or false");
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
    String allowed =
        java.util.Arrays.stream(type.getEnumConstants())
            .map(Enum::name)
            .collect(Collectors.joining(", "));
    throw invalidRequest(
        "Query parameter '" + name + "'", name, "not_allowed", "must be one of " + allowed);
  }

  public static PageRequest page(Context ctx) {
    return new PageRequest(
        queryInt(ctx, "page", 1), queryInt(ctx, "pageSize", PageRequest.DEFAULT_SIZE));
  }
}
