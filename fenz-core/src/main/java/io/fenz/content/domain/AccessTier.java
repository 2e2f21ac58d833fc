package io.fenz.content.domain;

import io.fenz.platform.error.FenzException;

/**
 * Who may watch: everyone, the channel's free subscribers, or its paid members (the owner always).
 */
public enum AccessTier {
  PUBLIC(0),
  SUBSCRIBERS(1),
  MEMBERS(2);

  private final int code;

  AccessTier(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static AccessTier of(int code) {
    for (AccessTier tier : values()) {
      if (tier.code == code) {
        return tier;
      }
    }
    throw FenzException.validation(
        java.util.List.of(
            new io.fenz.platform.error.FieldError(
                "accessTier", "out_of_range", "accessTier must be 0, 1 or 2.")));
  }
}
