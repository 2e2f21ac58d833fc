package io.fenz.content.app;

import io.fenz.content.domain.Video;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.error.FenzException;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Loads videos with the visibility rule: others get 404 for unpublished or hidden ones, 403 for
 * writes to visible ones.
 */
public final class Videos {
  private final VideoRepository videos;

  @Inject
  public Videos(VideoRepository videos) {
    this.videos = videos;
  }

  public Video visibleTo(long videoId, Long userId) {
    return visible(videos.findById(videoId), userId);
  }

  /** The rule applied to a row already read (absent when there is no such video). */
  static Video visible(Optional<Video> row, Long userId) {
    return row.filter(v -> v.isListed() || v.isOwnedBy(userId))
        .orElseThrow(() -> FenzException.notFound("video_not_found", "No such video."));
  }

  public Video ownedBy(long videoId, long userId) {
    Video video = visibleTo(videoId, userId);
    if (!video.isOwnedBy(userId)) {
      throw FenzException.forbidden("not_owner", "Only the video's owner can change it.");
    }
    return video;
  }
}
