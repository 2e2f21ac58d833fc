package io.fenz.content.domain;

import io.fenz.platform.error.Validator;
import java.util.List;

/** Field rules for videos, shared by create and edit. */
public final class VideoRules {
  public static final int TITLE_MAX = 200;
  public static final int DESCRIPTION_MAX = 5000;
  public static final int TAGS_MAX = 10;
  public static final int DURATION_MAX_SECONDS = 24 * 3600;

  private VideoRules() {}

  public static void title(Validator v, String title) {
    v.text("title", title, 1, TITLE_MAX);
  }

  public static void description(Validator v, String description) {
    v.text("description", description, 0, DESCRIPTION_MAX);
  }

  public static void tags(Validator v, List<Long> tagIds) {
    if (tagIds != null) {
      v.check(
          tagIds.size() <= TAGS_MAX,
          "tagIds",
          "too_many",
          "A video can have at most " + TAGS_MAX + " tags.");
      v.check(
          tagIds.stream().allMatch(id -> id != null && id > 0),
          "tagIds",
          "invalid_id",
          "tagIds must be positive ids.");
    }
  }

  public static void duration(Validator v, Integer seconds) {
    if (seconds != null) {
      v.check(
          seconds >= 0 && seconds <= DURATION_MAX_SECONDS,
          "durationSeconds",
          "out_of_range",
          "durationSeconds must be between 0 and " + DURATION_MAX_SECONDS + ".");
    }
  }
}
