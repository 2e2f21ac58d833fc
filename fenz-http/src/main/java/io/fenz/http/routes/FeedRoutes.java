package io.fenz.http.routes;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.content.app.GetVideo;
import io.fenz.content.app.ListTags;
import io.fenz.content.domain.Tag;
import io.fenz.discovery.app.ListRelatedVideos;
import io.fenz.discovery.app.RecommendVideos;
import io.fenz.discovery.domain.FeedCard;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.http.support.Viewers;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

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
      @Nullable String thumbnailUrl,
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
  private final FeedAnswers answers;

  @Inject
  public FeedRoutes(
      Viewers viewers,
      RecommendVideos recommend,
      ListTags listTags,
      GetVideo getVideo,
      ListRelatedVideos related,
      ObjectMapper json) {
    this.viewers = viewers;
    this.recommend = recommend;
    this.listTags = listTags;
    this.getVideo = getVideo;
    this.related = related;
    this.answers = new FeedAnswers(json);
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
              write(
                  ctx,
                  feed.items(),
                  feed.chosenTagIds(),
                  new FeedResponse(
                      List.of(), feed.source().name().toLowerCase(), feed.chosenTagIds()));
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
              List<RecommendVideos.Item> items =
                  related.execute(id, videoTags).stream()
                      .map(card -> new RecommendVideos.Item(card, card.tagsAmong(videoTags)))
                      .toList();
              write(ctx, items, videoTags, new RelatedResponse(List.of()));
            });
  }

  /**
   * {@code rest} (the answer with no items) with {@code items}, their tags named in the viewer's
   * language.
   */
  private void write(Context ctx, List<RecommendVideos.Item> items, List<Long> tagIds, Object rest)
      throws IOException {
    List<Tag> tags = listTags.execute(tagIds);
    ctx.header("Cache-Control", "no-store").contentType(ContentType.APPLICATION_JSON);
    answers.write(ctx.outputStream(), items, tags, Viewers.language(ctx), rest);
  }

  /** The item of one card, with the tags that brought it. */
  static FeedItem item(FeedCard c, List<CatalogRoutes.TagView> matchedTags) {
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
        matchedTags);
  }
}
