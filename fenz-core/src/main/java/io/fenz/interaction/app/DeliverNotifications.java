package io.fenz.interaction.app;

import io.fenz.content.domain.ContentEvents;
import io.fenz.interaction.domain.NotificationKind;
import io.fenz.interaction.port.NotificationRepository;
import io.fenz.monetization.domain.MonetizationEvents;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.events.Event;
import io.fenz.platform.events.EventBus;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The notifications consumer (durable, in the worker): turns events into notifications. Each write
 * commits before this returns, so the bus acknowledges only committed work; a redelivered event
 * writes nothing new (one notification per user and event id). Other subjects are acknowledged
 * untouched.
 */
public final class DeliverNotifications implements EventBus.Handler {
  public static final String CONSUMER = "notifications";
  private final NotificationRepository notifications;
  private final LiveNotifications live;
  private final FenzConfig.Events config;
  private final Clock clock;

  @Inject
  public DeliverNotifications(
      NotificationRepository notifications,
      LiveNotifications live,
      FenzConfig.Events config,
      Clock clock) {
    this.notifications = notifications;
    this.live = live;
    this.config = config;
    this.clock = clock;
  }

  @Override
  public void handle(Event event) {
    switch (event.subject()) {
      case ContentEvents.VIDEO_PUBLISHED ->
          notifications.fanOutVideo(
              event.id(),
              event.number("videoId"),
              event.number("channelId"),
              clock.instant(),
              config.fanoutBatch(),
              live::announce);
      case MonetizationEvents.SUBSCRIBED ->
          one(
              event,
              event.number("creatorUserId"),
              NotificationKind.NEW_SUBSCRIBER,
              null,
              event.number("userId"),
              Map.of());
      case MonetizationEvents.MEMBER_JOINED ->
          one(
              event,
              event.number("creatorUserId"),
              NotificationKind.NEW_MEMBER,
              null,
              event.number("userId"),
              Map.of());
      case MonetizationEvents.DONATION_PAID -> {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("donationId", event.number("donationId"));
        detail.put("amount", event.number("amount"));
        detail.put("currency", event.text("currency"));
        one(
            event,
            event.number("creatorUserId"),
            NotificationKind.DONATION_RECEIVED,
            event.optionalNumber("videoId"),
            event.optionalNumber("fromUserId"),
            detail);
      }
      case MonetizationEvents.MEMBERSHIP_ENDING ->
          one(
              event,
              event.number("userId"),
              NotificationKind.MEMBERSHIP_ENDING,
              null,
              null,
              Map.of("endsAt", event.text("endsAt")));
      default -> {}
    }
  }

  private void one(
      Event event,
      long recipient,
      NotificationKind kind,
      Long videoId,
      Long actorUserId,
      Map<String, Object> detail) {
    if (notifications.notifyOne(
        recipient,
        kind.code(),
        event.id(),
        videoId,
        event.number("channelId"),
        actorUserId,
        detail,
        clock.instant())) {
      live.announce(List.of(recipient));
    }
  }
}
