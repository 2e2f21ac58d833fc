package io.fenz.http.routes;

import io.fenz.content.app.GetVideo;
import io.fenz.content.domain.Video;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A video as lists and its page show it. Never carries object keys or playable URLs; the owner's
 * extra fields ({@code published}, split views, keys) only in {@link OwnerFields}.
 */
public record VideoCard(
    long id,
    String title,
    String description,
    long channelId,
    String channelName,
    @Nullable Long categoryId,
    List<Long> tagIds,
    int durationSeconds,
    int accessTier,
    boolean locked,
    long views,
    @Nullable Instant publishedAt,
    @Nullable String thumbnailUrl,
    @Nullable OwnerFields owner) {

  public record OwnerFields(
      boolean published,
      long viewsMember,
      long viewsNonMember,
      String videoKey,
      @Nullable String thumbnailKey,
      Instant createdAt,
      Instant updatedAt) {}

  static VideoCard of(GetVideo.Details details) {
    Video v = details.video();
    OwnerFields owner =
        details.owner()
            ? new OwnerFields(
                v.published(),
                v.viewsMember(),
                v.viewsNonMember(),
                v.videoKey(),
                v.thumbnailKey(),
                v.createdAt(),
                v.updatedAt())
            : null;
    return new VideoCard(
        v.id(),
        v.title(),
        v.description(),
        v.channelId(),
        v.channelName(),
        v.categoryId(),
        v.tagIds(),
        v.durationSeconds(),
        v.accessTier().code(),
        details.locked(),
        v.views(),
        v.publishedAt(),
        v.thumbnailKey() == null ? null : "/api/v1/videos/" + v.id() + "/thumbnail",
        owner);
  }
}
