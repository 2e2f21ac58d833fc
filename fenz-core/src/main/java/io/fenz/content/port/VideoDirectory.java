package io.fenz.content.port;

import io.fenz.content.domain.ListedVideo;
import java.util.Optional;

/**
 * Every listed video's visibility facts, held in process and following MySQL within about a second,
 * so counting a view costs no query. Absent: not listed, or not known here yet (not loaded,
 * published since the last catch-up); callers then read MySQL.
 */
public interface VideoDirectory {
  Optional<ListedVideo> find(long videoId);

  /**
   * Loads the directory (blocking; a failure is retried in the background), then follows MySQL
   * until the process ends.
   */
  void start();
}
