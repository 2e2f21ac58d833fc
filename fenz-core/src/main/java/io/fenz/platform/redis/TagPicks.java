package io.fenz.platform.redis;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Redis copy of a viewer's tag picks: {@code prefs:u:{userId}} or {@code prefs:s:{sessionId}}
 * holding the tag ids joined by commas, or {@link #NONE} for a viewer without picks. Written by
 * content's cached tag preferences; discovery's feed script reads it in place (one round trip).
 */
public final class TagPicks {
  public static final String NONE = "-";

  /** The name every picks key starts with. */
  public static final String KEY_PREFIX = "prefs:";

  private TagPicks() {}

  public static String userKey(long userId) {
    return KEY_PREFIX + "u:" + userId;
  }

  public static String sessionKey(String sessionId) {
    return KEY_PREFIX + "s:" + sessionId;
  }

  public static String encode(List<Long> tagIds) {
    return tagIds.isEmpty()
        ? NONE
        : tagIds.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  public static List<Long> decode(String value) {
    return value.equals(NONE) || value.isEmpty()
        ? List.of()
        : Arrays.stream(value.split(",")).map(Long::valueOf).toList();
  }
}
