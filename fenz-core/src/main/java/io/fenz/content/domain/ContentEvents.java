package io.fenz.content.domain;

/**
 * The content context's event subjects (stream {@code FENZ}, {@code fenz.content.<event>}) and
 * their payload fields. Other contexts listen to these instead of being called by content.
 */
public final class ContentEvents {
  /** {videoId, channelId}: a new (unpublished) video. */
  public static final String VIDEO_CREATED = "fenz.content.video_created";

  /**
   * {videoId, channelId, previousTagIds}: title, description, tier, category, tags or thumbnail
   * changed.
   */
  public static final String VIDEO_EDITED = "fenz.content.video_edited";

  /** {videoId, channelId, accessTier, tagIds}. */
  public static final String VIDEO_PUBLISHED = "fenz.content.video_published";

  /** {videoId, channelId, accessTier, tagIds}. */
  public static final String VIDEO_UNPUBLISHED = "fenz.content.video_unpublished";

  /**
   * {videoId, channelId, tagIds, objectKeys}: the row is gone; its media objects are to be deleted.
   */
  public static final String VIDEO_DELETED = "fenz.content.video_deleted";

  /** {objectKeys}: stored objects no row uses any more (uploads of a deleted account). */
  public static final String MEDIA_DISCARDED = "fenz.content.media_discarded";

  /** {tagId}. */
  public static final String TAG_DELETED = "fenz.content.tag_deleted";

  private ContentEvents() {}
}
