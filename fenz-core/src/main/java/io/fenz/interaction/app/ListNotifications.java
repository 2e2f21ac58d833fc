package io.fenz.interaction.app;

import io.fenz.interaction.domain.Notification;
import io.fenz.interaction.port.NotificationRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/**
 * The bell: a user's notifications newest first, the unread count, and marking read (only one's
 * own).
 */
public final class ListNotifications {
  private final NotificationRepository notifications;

  @Inject
  public ListNotifications(NotificationRepository notifications) {
    this.notifications = notifications;
  }

  public Page<Notification> execute(long userId, PageRequest page) {
    return UseCaseSpan.call("ListNotifications", () -> perform(userId, page));
  }

  private Page<Notification> perform(long userId, PageRequest page) {
    return notifications.list(userId, page);
  }

  public long unreadCount(long userId) {
    return notifications.unreadCount(userId);
  }

  /** Someone else's notification is 404: its existence is not the caller's to know. */
  public void markRead(long userId, long notificationId) {
    if (!notifications.markRead(userId, notificationId)) {
      throw FenzException.notFound("notification_not_found", "No such notification.");
    }
  }

  public void markAllRead(long userId) {
    notifications.markAllRead(userId);
  }
}
