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

  /**
   * Where a live stream starts, read in one snapshot: {@code position} (the given one, or the
   * user's newest id when null), the unread notifications at or below it, and the newest {@code
   * recent} ids at or below it.
   */
  StreamStart streamStart(long userId, Long position, int recent);

  record StreamStart(long position, long unread, List<Long> recentIds) {}

  /**
   * What a stream catches up from, oldest first: the user's newest {@code recent} notifications at
   * or below {@code position} and the first {@code limit} above it.
   */
  List<Notification> recentAndAfter(long userId, long position, int recent, int limit);

  long unreadCount(long userId);

  /** False when the notification is not the user's (or does not exist). */
  boolean markRead(long userId, long notificationId);

  void markAllRead(long userId);
}
