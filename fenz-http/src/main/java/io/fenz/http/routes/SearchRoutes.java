package io.fenz.http.routes;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.content.app.GetVideo;
import io.fenz.discovery.app.SearchVideos;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.http.support.Viewers;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

/** GET /api/v1/search: full-text search over listed videos with filters, as video cards. */
public final class SearchRoutes implements RouteGroup {
  /**
   * The list answer plus {@code totalExact}: false when there are more than 10,000 matches and
   * {@code total} stopped counting at 10,000.
   */
  public record SearchPage(
      List<VideoCard> items, int page, int pageSize, long total, boolean totalExact) {}

  private final Viewers viewers;
  private final SearchVideos searchVideos;
  private final EncodedCards cards = new EncodedCards();

  @Inject
  public SearchRoutes(Viewers viewers, SearchVideos searchVideos) {
    this.viewers = viewers;
    this.searchVideos = searchVideos;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("search");
    routes
        .get("/api/v1/search")
        .guestSession()
        .summary(
            "Search published videos by title and description (zh-TW and English); tier 1/2 videos come as locked cards")
        .query(
            "q",
            "string",
            "Words (all required), \"a phrase\", -excluded; at most 200 characters. Blank: list by the filters.")
        .query("categoryId", "integer", "Only this category.")
        .query(
            "duration",
            "string",
            "short: under 4 min; medium: 4 to 20 min; long: over 20 min.",
            "short",
            "medium",
            "long")
        .query(
            "uploaded",
            "string",
            "Published within the last 24 h, 7, 30 or 365 days.",
            "today",
            "week",
            "month",
            "year")
        .query("minViews", "integer", "At least this many views.")
        .query(
            "access", "string", "Access tier: 0 public, 1 subscribers, 2 members.", "0", "1", "2")
        .query(
            "sort",
            "string",
            "Default: relevance with q (title matches first), else newest.",
            "relevance",
            "newest",
            "views")
        .query("page", "integer", "1-based page (page * pageSize <= 10000).")
        .query("pageSize", "integer", "1..100, default 20.")
        .response(SearchPage.class)
        .errors("invalid_request", "query_too_long", "invalid_session_id")
        .handle(
            ctx -> {
              var command =
                  new SearchVideos.Command(
                      ctx.queryParam("q"),
                      Requests.queryLong(ctx, "categoryId"),
                      ctx.queryParam("duration"),
                      ctx.queryParam("uploaded"),
                      Requests.queryLong(ctx, "minViews"),
                      ctx.queryParam("access"),
                      ctx.queryParam("sort"));
              write(ctx, searchVideos.execute(command, viewers.of(ctx), Requests.page(ctx)));
            });
  }

  /** A {@link SearchPage}, field for field, with the cards' kept encodings copied in. */
  private void write(Context ctx, SearchVideos.Result result) throws IOException {
    ObjectMapper mapper = ((JavalinJackson) ctx.jsonMapper()).getMapper();
    var page = result.page();
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 * (page.items().size() + 1));
    try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("items");
      for (SearchVideos.Hit hit : page.items()) {
        json.writeRawValue(
            cards.of(mapper, new GetVideo.Details(hit.video(), hit.locked(), hit.owner())));
      }
      json.writeEndArray();
      json.writeNumberField("page", page.page());
      json.writeNumberField("pageSize", page.pageSize());
      json.writeNumberField("total", page.total());
      json.writeBooleanField("totalExact", result.totalExact());
      json.writeEndObject();
    }
    ctx.contentType(ContentType.APPLICATION_JSON).result(out.toByteArray());
  }
}
