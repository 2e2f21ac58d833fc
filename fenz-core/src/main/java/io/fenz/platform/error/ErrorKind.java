package io.fenz.platform.error;

/**
 * The closed set of failure kinds a use case may report; the HTTP layer maps each to one status.
 */
public enum ErrorKind {
  INVALID_INPUT,
  UNAUTHENTICATED,
  FORBIDDEN,
  NOT_FOUND,
  CONFLICT,
  TOO_LARGE,
  UNSUPPORTED_MEDIA,
  UNPROCESSABLE,
  RANGE_NOT_SATISFIABLE,
  RATE_LIMITED,
  UNAVAILABLE
}
