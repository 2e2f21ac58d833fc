package io.fenz.http.support;

import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.FieldError;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place errors become HTTP: application/problem+json with a stable {@code code}. */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  public static int status(ErrorKind kind) {
    return switch (kind) {
      case INVALID_INPUT -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_LARGE -> 413;
      case UNSUPPORTED_MEDIA -> 415;
      case UNPROCESSABLE -> 422;
      case RANGE_NOT_SATISFIABLE -> 416;
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
    };
  }

  public static void fenz(FenzException e, Context ctx) {
    int status = status(e.kind());
    if (e.details().get("retryAfterSeconds") instanceof Number seconds) {
      ctx.header("Retry-After", Long.toString(seconds.longValue()));
    }
    if (e.details().get("contentRange") instanceof String contentRange) {
      ctx.header("Content-Range", contentRange);
    }
    if (e.kind() == ErrorKind.UNAUTHENTICATED) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    write(ctx, status, e.code(), e.getMessage(), e.fieldErrors(), e.details());
  }

  /**
   * Javalin's own refusals (no such route, wrong method, body too large); a 405 names the allowed
   * methods.
   */
  public static void javalin(HttpResponseException e, Context ctx) {
    String detail =
        switch (e.getStatus()) {
          case 404 -> "No such resource.";
          case 405 -> "This method is not allowed here.";
          default -> e.getMessage();
        };
    if (e.getStatus() == 405) {
      // Javalin lists them under "availableMethods" (or "Available methods" for HTML clients).
      e.getDetails().values().stream()
          .findFirst()
          .ifPresent(allowed -> ctx.header("Allow", allowed));
    }
    write(ctx, e.getStatus(), code(e.getStatus()), detail, List.of(), Map.of());
  }

  /** The code of a refusal that carries only an HTTP status (Javalin's or Jetty's own). */
  static String code(int status) {
    return switch (status) {
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 413 -> "payload_too_large";
      case 431 -> "headers_too_large";
      case 400 -> "invalid_request";
      default -> "http_" + status;
    };
  }

  public static void unexpected(Exception e, Context ctx) {
    String errorId = UUID.randomUUID().toString();
    LOG.error("unexpected error {} on {} {}", errorId, ctx.method(), ctx.path(), e);
    write(
        ctx,
        500,
        "internal_error",
        "Something went wrong on our side.",
        List.of(),
        Map.of("errorId", errorId));
  }

  private static void write(
      Context ctx,
      int status,
      String code,
      String detail,
      List<FieldError> errors,
      Map<String, Object> extra) {
    Map<String, Object> body = body(status, code, detail);
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    body.putAll(extra);
    ctx.status(status).json(body).contentType(CONTENT_TYPE);
  }

  static Map<String, Object> body(int status, String code, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https://fenz.video/problems/" + code.replace('_', '-'));
    body.put("title", title(status));
    body.put("status", status);
    body.put("code", code);
    body.put("detail", detail);
    return body;
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 409 -> "Conflict";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 416 -> "Range Not Satisfiable";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }
}
