package io.fenz.http.routes;

import io.fenz.content.app.ListChannelVideos;
import io.fenz.http.support.Access;
import io.fenz.http.support.Principals;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.http.support.Viewers;
import io.fenz.monetization.app.GetChannel;
import io.fenz.monetization.app.ListMySubscriptions;
import io.fenz.monetization.app.Subscribe;
import io.fenz.monetization.domain.ChannelProfile;
import io.fenz.platform.Page;
import jakarta.inject.Inject;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** /api/v1/channels: channel pages, their videos, free subscriptions. */
public final class ChannelRoutes implements RouteGroup {
  public record ChannelView(
      long id,
      String name,
      String description,
      long ownerId,
      long subscriberCount,
      long videoCount,
      @Nullable Long membershipPrice,
      @Nullable String currency,
      Instant createdAt) {
    static ChannelView of(ChannelProfile c) {
      return new ChannelView(
          c.id(),
          c.name(),
          c.description(),
          c.ownerId(),
          c.subscriberCount(),
          c.videoCount(),
          c.membershipPrice(),
          c.currency(),
          c.createdAt());
    }
  }

  private final Principals principals;
  private final Viewers viewers;
  private final GetChannel getChannel;
  private final ListChannelVideos listChannelVideos;
  private final Subscribe subscribe;
  private final ListMySubscriptions listMySubscriptions;

  @Inject
  public ChannelRoutes(
      Principals principals,
      Viewers viewers,
      GetChannel getChannel,
      ListChannelVideos listChannelVideos,
      Subscribe subscribe,
      ListMySubscriptions listMySubscriptions) {
    this.principals = principals;
    this.viewers = viewers;
    this.getChannel = getChannel;
    this.listChannelVideos = listChannelVideos;
    this.subscribe = subscribe;
    this.listMySubscriptions = listMySubscriptions;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("channels");
    routes
        .get("/api/v1/channels/{id}")
        .guestSession()
        .summary("A channel's page")
        .response(ChannelView.class)
        .errors("channel_not_found")
        .handle(
            ctx ->
                ctx.json(
                    ChannelView.of(
                        getChannel.execute(Requests.pathId(ctx, "id"), viewers.of(ctx).userId()))));
    routes
        .get("/api/v1/channels/{id}/videos")
        .guestSession()
        .summary("A channel's published videos, newest first; locked ones marked")
        .pageOf(VideoCard.class)
        .errors("channel_not_found")
        .handle(
            ctx -> {
              long channelId = Requests.pathId(ctx, "id");
              var viewer = viewers.of(ctx);
              getChannel.execute(channelId, viewer.userId());
              var page = listChannelVideos.execute(channelId, viewer, Requests.page(ctx));
              ctx.json(
                  new Page<>(
                      page.items().stream().map(VideoCard::of).toList(),
                      page.page(),
                      page.pageSize(),
                      page.total()));
            });
    routes
        .post("/api/v1/channels/{id}/subscription")
        .summary("Subscribe for free (idempotent)")
        .access(Access.USER)
        .response(ChannelView.class)
        .errors("channel_not_found", "cannot_subscribe_self")
        .handle(
            ctx ->
                ctx.json(
                    ChannelView.of(
                        subscribe.execute(
                            principals.require(ctx).userId(), Requests.pathId(ctx, "id")))));
    routes
        .delete("/api/v1/channels/{id}/subscription")
        .summary("Unsubscribe (idempotent)")
        .access(Access.USER)
        .status(204)
        .errors("channel_not_found")
        .handle(
            ctx -> {
              subscribe.undo(principals.require(ctx).userId(), Requests.pathId(ctx, "id"));
              ctx.status(204);
            });
    routes.tag("me");
    routes
        .get("/api/v1/me/subscriptions")
        .summary("Channels the caller subscribes to")
        .access(Access.USER)
        .pageOf(ChannelView.class)
        .handle(
            ctx -> {
              var page =
                  listMySubscriptions.execute(principals.require(ctx).userId(), Requests.page(ctx));
              ctx.json(
                  new Page<>(
                      page.items().stream().map(ChannelView::of).toList(),
                      page.page(),
                      page.pageSize(),
                      page.total()));
            });
  }
}
