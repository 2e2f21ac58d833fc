package io.fenz.content.app;

import io.fenz.content.domain.Video;
import io.fenz.content.port.MediaStore;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/**
 * Thumbnails of listed videos are public whatever the tier (they advertise the video); the media is
 * not.
 */
public final class OpenThumbnail {
  private final Videos videos;
  private final MediaStore store;

  @Inject
  public OpenThumbnail(Videos videos, MediaStore store) {
    this.videos = videos;
    this.store = store;
  }

  public MediaSlice execute(long videoId, Long userId) {
    return UseCaseSpan.call("OpenThumbnail", () -> perform(videoId, userId));
  }

  private MediaSlice perform(long videoId, Long userId) {
    Video video = videos.visibleTo(videoId, userId);
    if (video.thumbnailKey() == null) {
      throw FenzException.notFound("no_thumbnail", "This video has no thumbnail yet.");
    }
    long size = store.size(video.thumbnailKey());
    return new MediaSlice(
        store.read(video.thumbnailKey(), 0, size),
        OpenStream.contentType(video.thumbnailKey()),
        size,
        null);
  }
}
