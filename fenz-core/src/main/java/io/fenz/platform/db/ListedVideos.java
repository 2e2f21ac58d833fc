package io.fenz.platform.db;

/**
 * The one SQL definition of a listed video: published, and its owner not hidden (a hidden or
 * deleted account's videos leave every list at once). Queries alias {@code videos} as {@code v} and
 * join the owner through {@link #JOIN_OWNER}. Feed, search and the channel pages all read it from
 * here.
 */
public final class ListedVideos {
  /** Joins the video's channel ({@code ch}) and owner ({@code u}). */
  public static final String JOIN_OWNER =
      " JOIN channels ch ON ch.id = v.channel_id JOIN users u ON u.id = ch.user_id";

  /** True for a listed video; a boolean expression usable in WHERE and in a SELECT list. */
  public static final String CONDITION = "(v.is_published = TRUE AND u.is_hidden = FALSE)";

  /**
   * The hidden accounts' ids, whose videos are not listed. Both roles named so that {@code
   * ix_users_role_hidden (role, is_hidden)} answers from the index.
   */
  public static final String HIDDEN_OWNERS =
      "SELECT id FROM users WHERE role IN ('USER', 'ADMIN') AND is_hidden = TRUE";

  private ListedVideos() {}
}
