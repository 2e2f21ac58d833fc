package io.fenz.content.domain;

import java.util.Map;

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

  /** The {@link #VIDEO_EDITED} payload of {@code before}, the video as it was before the edit. */
  public static Map<String, Object> videoEdited(Video before) {
    return Map.of(
        "videoId", before.id(), "channelId", before.channelId(), "previousTagIds", before.tagIds());
  }

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
