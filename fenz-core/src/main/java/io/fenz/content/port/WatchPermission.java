package io.fenz.content.port;

import io.fenz.content.domain.Video;
import io.fenz.content.domain.Viewer;

/**
 * Content's rule for who may watch a video's media, offered to other contexts that show video cards
 * (search, recommendations) so they mark {@code locked} exactly as content does. Implemented by
 * {@code content.app.VideoAccess}.
 */
public interface WatchPermission {
  boolean canWatch(Video video, Viewer viewer);
}
