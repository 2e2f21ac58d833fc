package io.fenz.interaction.port;

import io.fenz.interaction.domain.Notification;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Notifications, at most one per (user, event): writing an event's notifications again changes
 * nothing, so a redelivered event is harmless.
 */
public interface NotificationRepository {
  /**
   * Fans a published video out to the channel's visible subscribers and active members, {@code
   * batchSize} rows per statement (each batch commits on its own); {@code onBatch} gets each
   * batch's recipients after its commit. Nothing when the video is gone or unpublished.
   */
  void fanOutVideo(
      String eventId,
      long videoId,
      long channelId,
      Instant now,
      int batchSize,
      java.util.function.Consumer<List<Long>> onBatch);

  /**
   * One notification to a visible user; false when the user is hidden or gone, or it exists
   * already.
   */
  boolean notifyOne(
      long userId,
      String kind,
      String eventId,
      Long videoId,
      Long channelId,
      Long actorUserId,
      Map<String, Object> detail,
      Instant now);

  Page<Notification> list(long userId, PageRequest page);

  /** The user's notifications with an id above {@code afterId}, oldest first (stream resume). */
  List<Notification> after(long userId, long afterId, int limit);

  long unreadCount(long userId);

  /** False when the notification is not the user's (or does not exist). */
  boolean markRead(long userId, long notificationId);

  void markAllRead(long userId);
}
