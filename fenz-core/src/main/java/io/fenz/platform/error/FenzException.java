package io.fenz.platform.error;

import java.util.List;
import java.util.Map;

/**
 * The one exception use cases throw for expected failures. {@code code} is the stable
 * machine-readable name clients switch on (e.g. {@code email_taken}); {@code details} carries extra
 * fields such as {@code retryAfterSeconds}.
 */
public final class FenzException extends RuntimeException {
  private final ErrorKind kind;
  private final String code;
  private final List<FieldError> fieldErrors;
  private final Map<String, Object> details;

  public FenzException(
      ErrorKind kind,
      String code,
      String message,
      List<FieldError> fieldErrors,
      Map<String, Object> details) {
    super(message);
    this.kind = kind;
    this.code = code;
    this.fieldErrors = List.copyOf(fieldErrors);
    this.details = Map.copyOf(details);
  }

  public FenzException(ErrorKind kind, String code, String message) {
    this(kind, code, message, List.of(), Map.of());
  }

  public static FenzException invalidInput(String code, String message) {
    return new FenzException(ErrorKind.INVALID_INPUT, code, message);
  }

  public static FenzException validation(List<FieldError> errors) {
    return new FenzException(
        ErrorKind.UNPROCESSABLE,
        "validation_failed",
        "The request has invalid fields.",
        errors,
        Map.of());
  }

  public static FenzException unauthenticated(String code, String message) {
    return new FenzException(ErrorKind.UNAUTHENTICATED, code, message);
  }

  public static FenzException forbidden(String code, String message) {
    return new FenzException(ErrorKind.FORBIDDEN, code, message);
  }

  public static FenzException notFound(String code, String message) {
    return new FenzException(ErrorKind.NOT_FOUND, code, message);
  }

  public static FenzException conflict(String code, String message) {
    return new FenzException(ErrorKind.CONFLICT, code, message);
  }

  public static FenzException rateLimited(String message, long retryAfterSeconds) {
    return new FenzException(
        ErrorKind.RATE_LIMITED,
        "rate_limited",
        message,
        List.of(),
        Map.of("retryAfterSeconds", retryAfterSeconds));
  }

  public static FenzException unavailable(String code, String message) {
    return new FenzException(ErrorKind.UNAVAILABLE, code, message);
  }

  /**
   * A dependency is down or stalled: 503 with Retry-After; {@code cause} is for the log, never the
   * client.
   */
  public static FenzException unavailable(
      String code, String message, long retryAfterSeconds, Throwable cause) {
    FenzException e =
        new FenzException(
            ErrorKind.UNAVAILABLE,
            code,
            message,
            List.of(),
            Map.of("retryAfterSeconds", retryAfterSeconds));
    e.initCause(cause);
    return e;
  }

  public ErrorKind kind() {
    return kind;
  }

  public String code() {
    return code;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }

  public Map<String, Object> details() {
    return details;
  }
}
