package io.fenz.http.routes;

import io.fenz.content.app.GetVideo;
import io.fenz.content.app.ListTags;
import io.fenz.content.domain.Tag;
import io.fenz.discovery.app.ListRelatedVideos;
import io.fenz.discovery.app.RecommendVideos;
import io.fenz.discovery.domain.FeedCard;
import io.fenz.http.support.JsonAnswers;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.http.support.Viewers;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * GET /api/v1/videos/recommended: the tag feed, each card saying which of the viewer's tags brought
 * it; GET /api/v1/videos/{id}/related: "up next", the same draw over one video's tags.
 */
public final class FeedRoutes implements RouteGroup {
  public record FeedItem(
      long id,
      String title,
      long channelId,
      String channelName,
      String thumbnailUrl,
      int durationSeconds,
      long views,
      Instant publishedAt,
      int accessTier,
      boolean locked,
      List<CatalogRoutes.TagView> matchedTags) {}

  public record FeedResponse(List<FeedItem> items, String source, List<Long> chosenTagIds) {}

  public record RelatedResponse(List<FeedItem> items) {}

  private final Viewers viewers;
  private final RecommendVideos recommend;
  private final ListTags listTags;
  private final GetVideo getVideo;
  private final ListRelatedVideos related;

  @Inject
  public FeedRoutes(
      Viewers viewers,
      RecommendVideos recommend,
      ListTags listTags,
      GetVideo getVideo,
      ListRelatedVideos related) {
    this.viewers = viewers;
    this.recommend = recommend;
    this.listTags = listTags;
    this.getVideo = getVideo;
    this.related = related;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("feed");
    routes
        .get("/api/v1/videos/recommended")
        .guestSession()
        .summary(
            "20 public videos from a random subset of the viewer's tags (user or X-Session-Id guest); popular, then newest, without tags")
        .response(FeedResponse.class)
        .errors("invalid_session_id")
        .handle(
            ctx -> {
              RecommendVideos.Feed feed = recommend.execute(viewers.of(ctx));
              String language = Viewers.language(ctx);
              Map<Long, Tag> tags =
                  listTags.execute(feed.chosenTagIds()).stream()
                      .collect(Collectors.toMap(Tag::id, Function.identity()));
              List<FeedItem> items =
                  feed.items().stream().map(item -> item(item, tags, language)).toList();
              JsonAnswers.write(
                  ctx.header("Cache-Control", "no-store"),
                  new FeedResponse(items, feed.source().name().toLowerCase(), feed.chosenTagIds()));
            });
    routes
        .get("/api/v1/videos/{id}/related")
        .summary(
            "Up to 20 public videos drawn at random from this video's tags, never the video itself; each card's matchedTags are the "
                + "tags it shares with it; 404 when the viewer may not see the video")
        .response(RelatedResponse.class)
        .errors("video_not_found", "invalid_session_id")
        .handle(
            ctx -> {
              long id = Requests.pathId(ctx, "id");
              List<Long> videoTags = getVideo.execute(id, viewers.of(ctx)).video().tagIds();
              String language = Viewers.language(ctx);
              Map<Long, Tag> tags =
                  listTags.execute(videoTags).stream()
                      .collect(Collectors.toMap(Tag::id, Function.identity()));
              List<FeedItem> items =
                  related.execute(id, videoTags).stream()
                      .map(
                          card ->
                              item(
                                  new RecommendVideos.Item(
                                      card,
                                      card.tagIds().stream().filter(videoTags::contains).toList()),
                                  tags,
                                  language))
                      .toList();
              JsonAnswers.write(
                  ctx.header("Cache-Control", "no-store"), new RelatedResponse(items));
            });
  }

  private static FeedItem item(RecommendVideos.Item item, Map<Long, Tag> tags, String language) {
    FeedCard c = item.card();
    List<CatalogRoutes.TagView> matched =
        item.matchedTagIds().stream()
            .map(tags::get)
            .filter(java.util.Objects::nonNull)
            .map(t -> CatalogRoutes.TagView.of(t, language))
            .toList();
    return new FeedItem(
        c.videoId(),
        c.title(),
        c.channelId(),
        c.channelName(),
        c.hasThumbnail() ? "/api/v1/videos/" + c.videoId() + "/thumbnail" : null,
        c.durationSeconds(),
        c.views(),
        c.publishedAt(),
        0,
        false,
        matched);
  }
}
