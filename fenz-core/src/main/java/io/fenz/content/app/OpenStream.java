package io.fenz.content.app;

import io.fenz.content.domain.ByteRange;
import io.fenz.content.domain.Video;
import io.fenz.content.domain.Viewer;
import io.fenz.content.port.MediaStore;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Serves media for a signed URL. The signature proves who asked and until when; access is checked
 * again here, so unpublishing or a lapsed membership cuts off even a fresh URL.
 */
public final class OpenStream {
  public record Command(
      long videoId, String viewer, String expires, String signature, String rangeHeader) {}

  private final PlaybackSigner signer;
  private final Videos videos;
  private final VideoAccess access;
  private final MediaStore store;
  private final Clock clock;

  @Inject
  public OpenStream(
      PlaybackSigner signer, Videos videos, VideoAccess access, MediaStore store, Clock clock) {
    this.signer = signer;
    this.videos = videos;
    this.access = access;
    this.store = store;
    this.clock = clock;
  }

  public MediaSlice execute(Command c) {
    return UseCaseSpan.call("OpenStream", () -> perform(c));
  }

  private MediaSlice perform(Command c) {
    long expires;
    try {
      expires = Long.parseLong(c.expires());
    } catch (NumberFormatException | NullPointerException e) {
      throw invalid();
    }
    if (!signer.verify(c.videoId(), c.viewer(), expires, c.signature())) {
      throw invalid();
    }
    if (clock.instant().getEpochSecond() > expires) {
      throw FenzException.forbidden(
          "playback_expired", "This playback link has expired; ask for a new one.");
    }
    Viewer viewer =
        c.viewer().startsWith("u")
            ? Viewer.user(Long.parseLong(c.viewer().substring(1)))
            : new Viewer(null, null);
    Video video = videos.visibleTo(c.videoId(), viewer.userId());
    access.requireWatch(video, viewer);
    long total = store.size(video.videoKey());
    Optional<ByteRange> range = ByteRange.parse(c.rangeHeader(), total);
    long offset = range.map(ByteRange::start).orElse(0L);
    long length = range.map(ByteRange::length).orElse(total);
    return new MediaSlice(
        store.read(video.videoKey(), offset, length),
        contentType(video.videoKey()),
        total,
        range.orElse(null));
  }

  static String contentType(String key) {
    return key.endsWith(".webm")
        ? "video/webm"
        : key.endsWith(".mov")
            ? "video/quicktime"
            : key.endsWith(".jpg")
                ? "image/jpeg"
                : key.endsWith(".png")
                    ? "image/png"
                    : key.endsWith(".webp") ? "image/webp" : "video/mp4";
  }

  private static FenzException invalid() {
    return FenzException.forbidden("invalid_signature", "This playback link is not valid.");
  }
}
