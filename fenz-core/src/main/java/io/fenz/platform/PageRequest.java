package io.fenz.platform;

import io.fenz.platform.error.FenzException;

/** A validated 1-based page request (pageSize 1..100). */
public record PageRequest(int page, int pageSize) {
  public static final int DEFAULT_SIZE = 20;
  public static final int MAX_SIZE = 100;

  public PageRequest {
    if (page < 1) {
      throw FenzException.invalidInput("invalid_request", "page must be 1 or more.");
    }
    if (pageSize < 1 || pageSize > MAX_SIZE) {
      throw FenzException.invalidInput(
          "invalid_request", "pageSize must be between 1 and " + MAX_SIZE + ".");
    }
  }

  public long offset() {
    return (long) (page - 1) * pageSize;
  }
}
