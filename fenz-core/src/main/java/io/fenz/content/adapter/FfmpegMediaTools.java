package io.fenz.content.adapter;

import io.fenz.content.port.MediaTools;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ffprobe/ffmpeg from PATH, reading media over a presigned URL (no local copy of the whole file).
 * Whether they are installed is checked once, when the process builds its one instance, and said
 * then when they are not: uploads are then only checked by their first bytes ({@link
 * Verdict#UNCHECKED}).
 */
@Singleton
public final class FfmpegMediaTools implements MediaTools {
  private static final Logger LOG = LoggerFactory.getLogger(FfmpegMediaTools.class);
  private static final long TIMEOUT_SECONDS = 60;
  private final String ffprobe;
  private final String ffmpeg;
  private final boolean installed;

  @Inject
  public FfmpegMediaTools() {
    this("ffprobe", "ffmpeg");
  }

  FfmpegMediaTools(String ffprobe, String ffmpeg) {
    this.ffprobe = ffprobe;
    this.ffmpeg = ffmpeg;
    this.installed =
        run(List.of(ffprobe, "-version")).isPresent()
            && run(List.of(ffmpeg, "-version")).isPresent();
    if (!installed) {
      LOG.warn(
          "{}/{} not found: uploaded media is checked by its first bytes only, durations are what creators say,"
              + " and videos get no generated thumbnails",
          ffprobe,
          ffmpeg);
    }
  }

  @Override
  public Probe probe(String mediaUrl, boolean video) {
    if (!installed) {
      return new Probe(Verdict.UNCHECKED, 0);
    }
    // One frame must decode: a container with a plausible header but no real picture (a polyglot, a
    // truncated file) fails here.
    boolean decodes =
        run(List.of(
                ffmpeg,
                "-v",
                "error",
                "-xerror",
                "-i",
                mediaUrl,
                "-map",
                "0:v:0",
                "-frames:v",
                "1",
                "-f",
                "null",
                "-"))
            .isPresent();
    if (!decodes) {
      return new Probe(Verdict.INVALID, 0);
    }
    if (!video) {
      return new Probe(Verdict.VALID, 0);
    }
    int seconds =
        run(List.of(
                ffprobe,
                "-v",
                "error",
                "-show_entries",
                "format=duration",
                "-of",
                "csv=p=0",
                mediaUrl))
            .map(FfmpegMediaTools::seconds)
            .orElse(0);
    return seconds > 0 ? new Probe(Verdict.VALID, seconds) : new Probe(Verdict.INVALID, 0);
  }

  /** Whole seconds, at least 1 for any positive duration; 0 when unknown. */
  private static int seconds(String out) {
    try {
      double seconds = Double.parseDouble(out.strip());
      return seconds > 0 ? (int) Math.max(1, Math.round(seconds)) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public boolean extractThumbnail(String mediaUrl, Path target) {
    if (!installed) {
      return false;
    }
    // A frame one second in avoids black fade-ins; short clips fall back to the first frame.
    for (String at : List.of("1", "0")) {
      if (run(List.of(
                  ffmpeg,
                  "-v",
                  "error",
                  "-y",
                  "-ss",
                  at,
                  "-i",
                  mediaUrl,
                  "-frames:v",
                  "1",
                  "-vf",
                  "scale=640:-2",
                  "-q:v",
                  "4",
                  target.toString()))
              .isPresent()
          && isNonEmpty(target)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isNonEmpty(Path file) {
    try {
      return Files.size(file) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static Optional<String> run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
      process.getOutputStream().close();
      byte[] out = process.getInputStream().readAllBytes();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      if (process.exitValue() != 0) {
        LOG.debug("{} failed: {}", command.get(0), err.strip());
        return Optional.empty();
      }
      return Optional.of(new String(out, StandardCharsets.UTF_8));
    } catch (IOException e) {
      LOG.debug("{} not available: {}", command.get(0), e.getMessage());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
