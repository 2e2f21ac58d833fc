package io.fenz.interaction.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One notification as its recipient sees it: the video (id, title, whether it has a thumbnail) when
 * there is one, the channel and the user who acted, and kind-specific details (a donation's amount
 * and currency, a membership's end). {@code channelName} and {@code actorName} are read when the
 * notification is shown; null when the channel's owner or the actor is hidden or gone (or the
 * notification has none).
 */
public record Notification(
    long id,
    String kind,
    Long videoId,
    String videoTitle,
    boolean videoHasThumbnail,
    Long channelId,
    String channelName,
    Long actorUserId,
    String actorName,
    Map<String, Object> detail,
    boolean read,
    Instant createdAt) {

  public Notification named(String channelName, String actorName) {
    return new Notification(
        id,
        kind,
        videoId,
        videoTitle,
        videoHasThumbnail,
        channelId,
        channelName,
        actorUserId,
        actorName,
        detail,
        read,
        createdAt);
  }
}
