package io.fenz.content.port;

import java.io.InputStream;
import java.time.Duration;

/** Object storage for media (S3 API). */
public interface MediaStore {
  /** Streams {@code body} to {@code key} without holding it in memory; returns the stored size. */
  default long put(String key, InputStream body, String contentType) {
    return put(key, body, contentType, -1);
  }

  /**
   * As above; a known size ({@code >= 0}) lets the object go up as one PUT instead of multipart
   * parts.
   */
  long put(String key, InputStream body, String contentType, long knownSize);

  long size(String key);

  /** Bytes [offset, offset+length) of the object. */
  InputStream read(String key, long offset, long length);

  void delete(String key);

  /** A short-lived URL tools like ffprobe can read from. */
  String presignedGet(String key, Duration ttl);
}
