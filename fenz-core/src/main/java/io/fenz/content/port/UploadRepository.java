package io.fenz.content.port;

import io.fenz.content.domain.Upload;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** Uploaded objects not yet used by a video, with their owner. */
public interface UploadRepository {
  void record(Upload upload);

  Optional<Upload> find(String key);

  /** Removes the pending row as a video takes the object; false if it was already taken. */
  boolean claim(String key);

  List<Upload> olderThan(Instant before, int limit);

  List<Upload> ofUser(long userId);

  /** Uploads of the user that no video took yet. */
  int pendingCount(long userId);

  /** Bytes the user's uploads stored on the given UTC day. */
  long bytesStoredOn(long userId, LocalDate utcDay);

  /**
   * Adds {@code bytes} to the user's day unless its total would then pass {@code limit}: checked
   * and added in one statement, so concurrent uploads never pass it together. False when refused.
   */
  boolean addBytesStored(long userId, LocalDate utcDay, long bytes, long limit);
}
