package io.fenz.content.domain;

import java.time.Instant;

/**
 * One counted view. {@code viewer} is {@link Viewer#key()}; {@code member} means a paid member of
 * the video's channel at view time. Only signed-in viewers' views are kept one by one
 * (view_records); a guest's view only adds to the counters.
 */
public record View(long videoId, Long userId, String viewer, boolean member, Instant viewedAt) {
  public boolean isRecorded() {
    return userId != null;
  }
}
