package io.fenz.content.port;

import java.nio.file.Path;
import java.util.Optional;

/** ffprobe/ffmpeg, when installed. */
public interface MediaTools {
  /** Duration in whole seconds, or empty when the tool is missing or can't read the media. */
  Optional<Integer> durationSeconds(String mediaUrl);

  /** Writes a JPEG frame of the media to {@code target}; false when it can't. */
  boolean extractThumbnail(String mediaUrl, Path target);
}
