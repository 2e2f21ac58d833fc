package io.fenz.seed;

import io.fenz.platform.storage.S3Storage;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.ListObjectsArgs;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Playable media for the demo set. With ffmpeg on PATH: {@link #CLIPS} test-pattern clips of
 * different lengths (H.264 + AAC, browser-playable) and a few thumbnails per clip; without it, the
 * bundled 2-second clip and no thumbnails (the worker makes them where ffmpeg exists). The sources
 * live once under {@code seed/clips/}; every demo video gets its own copy (a server-side S3 copy)
 * because deleting a video deletes its objects.
 */
final class DemoMedia {
  static final int CLIPS = 4;
  private static final int[] SECONDS = {8, 30, 75, 140};
  private static final int THUMBNAILS_PER_CLIP = 3;
  private static final int BUNDLED_SECONDS = 2;
  static final String PREFIX = "seed/";
  private static final Logger LOG = LoggerFactory.getLogger(DemoMedia.class);

  /**
   * A source clip: its key, true length and the thumbnail keys made from it (empty without ffmpeg).
   */
  record Clip(String key, int seconds, List<String> thumbnailKeys) {}

  private final S3Storage s3;

  DemoMedia(S3Storage s3) {
    this.s3 = s3;
  }

  /**
   * Uploads the source clips unless they are already there (keys name the generator, so a rerun
   * reuses them).
   */
  List<Clip> sources() {
    boolean ffmpeg = ffmpegOnPath();
    List<Clip> clips = new ArrayList<>();
    for (int i = 0; i < CLIPS; i++) {
      int seconds = ffmpeg ? SECONDS[i] : BUNDLED_SECONDS;
      String base = PREFIX + "clips/" + (ffmpeg ? "pattern-" + seconds + "s" : "bundled");
      List<String> thumbnails = new ArrayList<>();
      for (int t = 0; ffmpeg && t < THUMBNAILS_PER_CLIP; t++) {
        thumbnails.add(base + "-" + t + ".jpg");
      }
      clips.add(new Clip(base + ".mp4", seconds, List.copyOf(thumbnails)));
    }
    if (clips.stream()
        .allMatch(c -> exists(c.key()) && c.thumbnailKeys().stream().allMatch(this::exists))) {
      return clips;
    }
    if (!ffmpeg) {
      LOG.info("ffmpeg not found: demo videos play the bundled 2 s clip");
      try (InputStream in =
          Objects.requireNonNull(DemoMedia.class.getResourceAsStream("demo-clip.mp4"))) {
        put(clips.getFirst().key(), in.readAllBytes(), "video/mp4");
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the bundled clip", e);
      }
      return clips;
    }
    generate(clips);
    return clips;
  }

  private void generate(List<Clip> clips) {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("fenz-seed-media");
      for (Clip clip : clips) {
        Path video = dir.resolve("clip.mp4");
        String d = String.valueOf(clip.seconds());
        run(
            "ffmpeg",
            "-v",
            "error",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc=s=320x180:r=10:d=" + d,
            "-f",
            "lavfi",
            "-i",
            "sine=f=330:d=" + d + ":sample_rate=16000",
            "-c:v",
            "libx264",
            "-preset",
            "veryfast",
            "-crf",
            "38",
            "-pix_fmt",
            "yuv420p",
            "-g",
            "100",
            "-c:a",
            "aac",
            "-b:a",
            "12k",
            "-ac",
            "1",
            "-movflags",
            "+faststart",
            "-shortest",
            video.toString());
        put(clip.key(), Files.readAllBytes(video), "video/mp4");
        for (int t = 0; t < clip.thumbnailKeys().size(); t++) {
          Path jpg = dir.resolve("thumb.jpg");
          run(
              "ffmpeg",
              "-v",
              "error",
              "-y",
              "-ss",
              String.valueOf(Math.min(t * 2 + 1, clip.seconds() - 1)),
              "-i",
              video.toString(),
              "-frames:v",
              "1",
              "-vf",
              "scale=480:270,hue=h=" + (t * 120),
              jpg.toString());
          put(clip.thumbnailKeys().get(t), Files.readAllBytes(jpg), "image/jpeg");
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot generate the demo clips: " + e.getMessage(), e);
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * A server-side copy of {@code source} to {@code target}, so one video's deletion leaves the
   * others playing.
   */
  void copy(String source, String target) {
    try {
      s3.client()
          .copyObject(
              CopyObjectArgs.builder()
                  .bucket(s3.bucket())
                  .object(target)
                  .source(CopySource.builder().bucket(s3.bucket()).object(source).build())
                  .build());
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
    }
  }

  /** Removes every per-video copy (the sources stay for the next run). */
  int removeCopies() {
    int removed = 0;
    for (String prefix : List.of(PREFIX + "videos/", PREFIX + "thumbs/")) {
      try {
        for (Result<Item> item :
            s3.client()
                .listObjects(
                    ListObjectsArgs.builder()
                        .bucket(s3.bucket())
                        .prefix(prefix)
                        .recursive(true)
                        .build())) {
          s3.client()
              .removeObject(
                  RemoveObjectArgs.builder()
                      .bucket(s3.bucket())
                      .object(item.get().objectName())
                      .build());
          removed++;
        }
      } catch (Exception e) {
        throw new IllegalStateException(
            "cannot remove demo media under " + prefix + ": " + e.getMessage(), e);
      }
    }
    return removed;
  }

  private boolean exists(String key) {
    try {
      s3.client().statObject(StatObjectArgs.builder().bucket(s3.bucket()).object(key).build());
      return true;
    } catch (ErrorResponseException e) {
      if (e.errorResponse().code().equals("NoSuchKey")) {
        return false;
      }
      throw new IllegalStateException("cannot check " + key + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot check " + key + ": " + e.getMessage(), e);
    }
  }

  private void put(String key, byte[] bytes, String contentType) {
    try {
      s3.client()
          .putObject(
              PutObjectArgs.builder()
                  .bucket(s3.bucket())
                  .object(key)
                  .contentType(contentType)
                  .stream(new java.io.ByteArrayInputStream(bytes), bytes.length, -1)
                  .build());
    } catch (Exception e) {
      throw new IllegalStateException("cannot store " + key + ": " + e.getMessage(), e);
    }
  }

  static boolean ffmpegOnPath() {
    try {
      Process p =
          new ProcessBuilder("ffmpeg", "-version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("ffmpeg failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      LOG.debug("could not remove {}: {}", dir, e.toString());
    }
  }
}
