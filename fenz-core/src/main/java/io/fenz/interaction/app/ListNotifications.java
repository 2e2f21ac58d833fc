package io.fenz.interaction.app;

import io.fenz.interaction.domain.Notification;
import io.fenz.interaction.port.NotificationRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/**
 * The bell: a user's notifications newest first (each naming its channel and actor), the unread
 * count, and marking read (only one's own).
 */
public final class ListNotifications {
  private final NotificationRepository notifications;
  private final NameNotifications names;

  @Inject
  public ListNotifications(NotificationRepository notifications, NameNotifications names) {
    this.notifications = notifications;
    this.names = names;
  }

  public Page<Notification> execute(long userId, PageRequest page) {
    return UseCaseSpan.call("ListNotifications", () -> perform(userId, page));
  }

  private Page<Notification> perform(long userId, PageRequest page) {
    Page<Notification> listed = notifications.list(userId, page);
    return new Page<>(names.name(listed.items()), listed.page(), listed.pageSize(), listed.total());
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
