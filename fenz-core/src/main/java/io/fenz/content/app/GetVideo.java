package io.fenz.content.app;

import io.fenz.content.domain.Video;
import io.fenz.content.domain.Viewer;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** A video's page data; {@code locked} tells the viewer it needs a subscription or membership. */
public final class GetVideo {
  public record Details(Video video, boolean locked, boolean owner) {}

  private final Videos videos;
  private final VideoAccess access;

  @Inject
  public GetVideo(Videos videos, VideoAccess access) {
    this.videos = videos;
    this.access = access;
  }

  public Details execute(long videoId, Viewer viewer) {
    return UseCaseSpan.call("GetVideo", () -> perform(videoId, viewer));
  }

  private Details perform(long videoId, Viewer viewer) {
    Video video = videos.visibleTo(videoId, viewer.userId());
    return new Details(video, !access.canWatch(video, viewer), video.isOwnedBy(viewer.userId()));
  }
}
