package io.fenz.content.app;

import io.fenz.content.domain.Video;
import io.fenz.content.domain.Viewer;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;

/**
 * Checks the viewer may watch, then hands out a short-lived signed stream URL bound to that viewer.
 */
public final class AuthorizePlayback {
  public record Grant(String url, Instant expiresAt) {}

  private final Videos videos;
  private final VideoAccess access;
  private final PlaybackSigner signer;
  private final FenzConfig.Media media;
  private final Clock clock;

  @Inject
  public AuthorizePlayback(
      Videos videos,
      VideoAccess access,
      PlaybackSigner signer,
      FenzConfig.Media media,
      Clock clock) {
    this.videos = videos;
    this.access = access;
    this.signer = signer;
    this.media = media;
    this.clock = clock;
  }

  public Grant execute(long videoId, Viewer viewer) {
    return UseCaseSpan.call("AuthorizePlayback", () -> perform(videoId, viewer));
  }

  private Grant perform(long videoId, Viewer viewer) {
    Video video = videos.visibleTo(videoId, viewer.userId());
    access.requireWatch(video, viewer);
    Instant expiresAt =
        clock
            .instant()
            .plus(media.playbackUrlTtl())
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    String viewerTag = viewer.isUser() ? "u" + viewer.userId() : "g";
    long exp = expiresAt.getEpochSecond();
    return new Grant(
        "/api/v1/videos/"
            + video.id()
            + "/stream?viewer="
            + viewerTag
            + "&exp="
            + exp
            + "&sig="
            + signer.sign(video.id(), viewerTag, exp),
        expiresAt);
  }
}
