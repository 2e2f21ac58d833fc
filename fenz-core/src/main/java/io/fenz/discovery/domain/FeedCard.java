package io.fenz.discovery.domain;

import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the feed shows of a public video; the same fields live in Redis at {@code card:{id}}.
 * Immutable, and equal by its fields.
 *
 * <p>A class rather than a record only to keep its presentation: the in-process copies hand one
 * card to every feed that draws it (thousands a second), so the presenter renders it once per card
 * instead of once per answer ({@link #presented}).
 */
public final class FeedCard {
  private static final long UNPUBLISHED = Long.MIN_VALUE;

  private final long videoId;
  private final String title;
  private final long channelId;
  private final String channelName;
  private final boolean hasThumbnail;
  private final int durationSeconds;
  private final long views;

  /**
   * To the millisecond, as MySQL's DATETIME(3) and the Redis value hold it; {@link #UNPUBLISHED}
   * for none. Not an Instant: that was 24 more bytes in each of a million copies.
   */
  private final long publishedAtMillis;

  /** Unboxed: every feed answer reads the tags of its 20 cards ({@link #tagsAmong}). */
  private final long[] tagIds;

  private volatile Object presentation;

  /** The card keeps {@code tagIds} as given: the caller hands over a fresh array. */
  public FeedCard(
      long videoId,
      String title,
      long channelId,
      String channelName,
      boolean hasThumbnail,
      int durationSeconds,
      long views,
      Instant publishedAt,
      long[] tagIds) {
    this.videoId = videoId;
    this.title = title;
    this.channelId = channelId;
    this.channelName = channelName;
    this.hasThumbnail = hasThumbnail;
    this.durationSeconds = durationSeconds;
    this.views = views;
    this.publishedAtMillis = publishedAt == null ? UNPUBLISHED : publishedAt.toEpochMilli();
    this.tagIds = tagIds;
  }

  public long videoId() {
    return videoId;
  }

  public String title() {
    return title;
  }

  public long channelId() {
    return channelId;
  }

  public String channelName() {
    return channelName;
  }

  public boolean hasThumbnail() {
    return hasThumbnail;
  }

  public int durationSeconds() {
    return durationSeconds;
  }

  public long views() {
    return views;
  }

  public Instant publishedAt() {
    return publishedAtMillis == UNPUBLISHED ? null : Instant.ofEpochMilli(publishedAtMillis);
  }

  /** A read-only view. */
  public List<Long> tagIds() {
    return new AbstractList<>() {
      @Override
      public Long get(int index) {
        return tagIds[index];
      }

      @Override
      public int size() {
        return tagIds.length;
      }
    };
  }

  /**
   * This card's tags that are among {@code tags}, in the card's order ("why this video"): the
   * elements of {@code tags} themselves, compared unboxed, so 20 cards a feed allocate no ids.
   */
  public List<Long> tagsAmong(List<Long> tags) {
    List<Long> among = null;
    for (long id : tagIds) {
      for (int i = 0; i < tags.size(); i++) {
        Long tag = tags.get(i);
        if (tag.longValue() == id) {
          if (among == null) {
            among = new ArrayList<>(tagIds.length);
          }
          among.add(tag);
          break;
        }
      }
    }
    return among == null ? List.of() : among;
  }

  /**
   * {@code present(this)}, made once per card and kept with it. The one presenter is the HTTP
   * answer; a racing first call may render twice, and both renderings are equal.
   */
  public <T> T presented(Class<T> type, Function<FeedCard, T> present) {
    Object kept = presentation;
    if (type.isInstance(kept)) {
      return type.cast(kept);
    }
    T made = present.apply(this);
    presentation = made;
    return made;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeedCard c
        && videoId == c.videoId
        && channelId == c.channelId
        && hasThumbnail == c.hasThumbnail
        && durationSeconds == c.durationSeconds
        && views == c.views
        && publishedAtMillis == c.publishedAtMillis
        && Objects.equals(title, c.title)
        && Objects.equals(channelName, c.channelName)
        && Arrays.equals(tagIds, c.tagIds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        videoId,
        title,
        channelId,
        channelName,
        hasThumbnail,
        durationSeconds,
        views,
        publishedAtMillis,
        Arrays.hashCode(tagIds));
  }

  @Override
  public String toString() {
    return "FeedCard[videoId=%d, title=%s, channelId=%d, channelName=%s, hasThumbnail=%b, durationSeconds=%d, views=%d, publishedAt=%s, tagIds=%s]"
        .formatted(
            videoId,
            title,
            channelId,
            channelName,
            hasThumbnail,
            durationSeconds,
            views,
            publishedAt(),
            Arrays.toString(tagIds));
  }
}
