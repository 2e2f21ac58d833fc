package io.fenz.platform.cleanup;

import java.util.List;

/**
 * A cache eviction or object deletion to retry later. {@code kind} picks the worker's handler;
 * {@code attempt} and {@code notBefore} (epoch ms) drive the backoff.
 */
public record CleanupTask(
    String kind, long id, List<Long> ids, String key, int attempt, long notBefore) {
  public static final String VIDEO = "video";
  public static final String TAG = "tag";
  public static final String OBJECT = "object";

  public static CleanupTask video(long videoId, List<Long> tagIds) {
    return new CleanupTask(VIDEO, videoId, List.copyOf(tagIds), null, 0, 0);
  }

  public static CleanupTask tag(long tagId) {
    return new CleanupTask(TAG, tagId, List.of(), null, 0, 0);
  }

  public static CleanupTask object(String key) {
    return new CleanupTask(OBJECT, 0, List.of(), key, 0, 0);
  }

  public CleanupTask retryAt(long epochMillis) {
    return new CleanupTask(kind, id, ids, key, attempt + 1, epochMillis);
  }
}
