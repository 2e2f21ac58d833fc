package io.fenz.content.port;

import io.fenz.content.domain.Video;
import java.util.Optional;

/**
 * Listed videos remembered in process for a few seconds, so the hottest write (counting a view)
 * costs no query. Only listed videos are put here; an entry may outlive an unpublish, hide or
 * delete by its age limit.
 */
public interface RecentlyListed {
  Optional<Video> find(long videoId);

  void remember(Video video);
}
