package io.fenz.interaction.domain;

import java.time.Instant;
import java.util.Map;

/**
 * One notification as its recipient sees it: the video (id, title, whether it has a thumbnail) when
 * there is one, the channel and the user who acted, and kind-specific details (a donation's amount
 * and currency, a membership's end).
 */
public record Notification(
    long id,
    String kind,
    Long videoId,
    String videoTitle,
    boolean videoHasThumbnail,
    Long channelId,
    Long actorUserId,
    Map<String, Object> detail,
    boolean read,
    Instant createdAt) {}
