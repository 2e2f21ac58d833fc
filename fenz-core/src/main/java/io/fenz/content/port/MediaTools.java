package io.fenz.content.port;

import java.nio.file.Path;

/** ffprobe/ffmpeg, when installed. */
public interface MediaTools {
  /**
   * VALID: decodes as the kind asked for; INVALID: it does not; UNCHECKED: the tools are not
   * installed.
   */
  enum Verdict {
    VALID,
    INVALID,
    UNCHECKED
  }

  /** What a probe found; {@code durationSeconds} is 0 unless a VALID video. */
  record Probe(Verdict verdict, int durationSeconds) {}

  /** Whether the media decodes: a video with a video stream and a duration, or a single image. */
  Probe probe(String mediaUrl, boolean video);

  /** Writes a JPEG frame of the media to {@code target}; false when it can't. */
  boolean extractThumbnail(String mediaUrl, Path target);
}
