package io.fenz.http.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Small real media committed under src/test/resources/media (made with ffmpeg; see README there).
 */
public final class Media {
  private Media() {}

  public static byte[] sampleMp4() {
    return read("/media/sample.mp4");
  }

  public static byte[] sampleJpeg() {
    return read("/media/sample.jpg");
  }

  public static byte[] samplePng() {
    return read("/media/sample.png");
  }

  private static byte[] read(String resource) {
    try (InputStream in = Media.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
