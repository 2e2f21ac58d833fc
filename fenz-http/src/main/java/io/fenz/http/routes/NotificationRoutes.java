package io.fenz.http.routes;

import io.fenz.http.support.Access;
import io.fenz.http.support.Principals;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.interaction.app.FollowNotifications;
import io.fenz.interaction.app.ListNotifications;
import io.fenz.interaction.domain.Notification;
import io.fenz.platform.Page;
import io.fenz.platform.error.FenzException;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * /api/v1/notifications: the bell (list, unread count, mark read) and its live stream (Server-Sent
 * Events).
 */
public final class NotificationRoutes implements RouteGroup {
  public record NotificationView(
      long id,
      String kind,
      @Nullable Long videoId,
      @Nullable String videoTitle,
      @Nullable String thumbnailUrl,
      @Nullable Long channelId,
      @Nullable String channelName,
      @Nullable Long actorUserId,
      @Nullable String actorName,
      @Nullable Map<String, Object> detail,
      boolean read,
      Instant createdAt) {
    static NotificationView of(Notification n) {
      return new NotificationView(
          n.id(),
          n.kind(),
          n.videoId(),
          n.videoTitle(),
          n.videoHasThumbnail() ? "/api/v1/videos/" + n.videoId() + "/thumbnail" : null,
          n.channelId(),
          n.channelName(),
          n.actorUserId(),
          n.actorName(),
          n.detail(),
          n.read(),
          n.createdAt());
    }
  }

  public record UnreadCount(long count) {}

  public record StreamTokenView(String token, Instant expiresAt) {}

  private final Principals principals;
  private final ListNotifications notifications;
  private final FollowNotifications follow;

  @Inject
  public NotificationRoutes(
      Principals principals, ListNotifications notifications, FollowNotifications follow) {
    this.principals = principals;
    this.notifications = notifications;
    this.follow = follow;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("notifications");
    routes
        .get("/api/v1/notifications")
        .summary("The caller's notifications, newest first")
        .access(Access.USER)
        .pageOf(NotificationView.class)
        .handle(
            ctx -> {
              var page =
                  notifications.execute(principals.require(ctx).userId(), Requests.page(ctx));
              ctx.json(
                  new Page<>(
                      page.items().stream().map(NotificationView::of).toList(),
                      page.page(),
                      page.pageSize(),
                      page.total()));
            });
    routes
        .get("/api/v1/notifications/unread-count")
        .summary("How many notifications are unread")
        .access(Access.USER)
        .response(UnreadCount.class)
        .handle(
            ctx ->
                ctx.json(
                    new UnreadCount(notifications.unreadCount(principals.require(ctx).userId()))));
    routes
        .post("/api/v1/notifications/read-all")
        .summary("Mark every notification read")
        .access(Access.USER)
        .status(204)
        .handle(
            ctx -> {
              notifications.markAllRead(principals.require(ctx).userId());
              ctx.status(204);
            });
    routes
        .post("/api/v1/notifications/stream-token")
        .summary("A single-use token (at most 60 s) that opens one notification stream")
        .access(Access.USER)
        .response(StreamTokenView.class)
        .handle(
            ctx -> {
              var token = follow.issueToken(principals.require(ctx).userId());
              ctx.json(new StreamTokenView(token.token(), token.expiresAt()));
            });
    routes
        .get("/api/v1/notifications/stream")
        .summary(
            "Server-Sent Events: first the unread count up to where the stream starts (event"
                + " 'unread', data {count}, id = that position), then each new notification (event"
                + " 'notification', id = its id); heartbeats as comments; Last-Event-ID (header or"
                + " lastEventId query) resumes without loss")
        .access(Access.SIGNATURE)
        .errors("invalid_stream_token", "invalid_request")
        .query("token", "string", "from POST /notifications/stream-token; single use")
        .query(
            "lastEventId",
            "integer",
            "resume after this notification id (the Last-Event-ID header wins)")
        .handle(this::stream);
    routes
        .post("/api/v1/notifications/{id}/read")
        .summary("Mark one notification read")
        .access(Access.USER)
        .status(204)
        .errors("notification_not_found")
        .handle(
            ctx -> {
              long id = Requests.pathId(ctx, "id");
              notifications.markRead(principals.require(ctx).userId(), id);
              ctx.status(204);
            });
  }

  /**
   * Accept, Last-Event-ID and the token are checked, and where the stream starts is read, before
   * the stream starts (its 200 goes out first), so bad input and a failing database get a
   * problem+json answer.
   */
  private void stream(Context ctx) throws Exception {
    String accept = ctx.header("Accept");
    if (accept == null || !accept.contains("text/event-stream")) {
      throw FenzException.invalidInput(
          "invalid_request",
          "This is a Server-Sent Events stream: send 'Accept: text/event-stream'.");
    }
    Long lastEventId = lastEventId(ctx);
    long userId = follow.redeem(ctx.queryParam("token"));
    FollowNotifications.Start start = follow.start(userId, lastEventId);
    new SseHandler(
            client -> {
              client.keepAlive();
              AutoCloseable following = start.follow(new Sink(client));
              client.onClose(
                  () -> {
                    try {
                      following.close();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  });
            })
        .handle(ctx);
  }

  private static Long lastEventId(Context ctx) {
    String header = ctx.header("Last-Event-ID");
    String raw =
        header != null && !header.isBlank() ? header.strip() : ctx.queryParam("lastEventId");
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    if (!raw.matches("\\d{1,18}")) {
      throw FenzException.invalidInput(
          "invalid_request", "Last-Event-ID must be a notification id (digits).");
    }
    return Long.parseLong(raw);
  }

  /**
   * One SSE connection; heartbeats and notifications come from different threads, so writes are
   * serialized.
   */
  private record Sink(SseClient client) implements FollowNotifications.Sink {
    @Override
    public synchronized void unread(long count, long position) {
      client.sendEvent("unread", new UnreadCount(count), Long.toString(position));
    }

    @Override
    public synchronized void send(Notification notification) {
      client.sendEvent(
          "notification", NotificationView.of(notification), Long.toString(notification.id()));
    }

    @Override
    public synchronized void heartbeat() {
      client.sendComment("heartbeat");
    }

    @Override
    public boolean closed() {
      return client.terminated();
    }
  }
}
