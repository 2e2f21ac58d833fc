package io.fenz.content.port;

import io.fenz.content.domain.Viewer;
import io.fenz.content.domain.Watchable;

/**
 * Content's rule for who may watch a video's media, offered to other contexts that show video cards
 * (search, recommendations) so they mark {@code locked} exactly as content does. Implemented by
 * {@code content.app.VideoAccess}.
 */
public interface WatchPermission {
  boolean canWatch(Watchable video, Viewer viewer);
}
