package io.fenz.discovery.adapter;

import io.fenz.content.port.VideoRepository;
import io.fenz.discovery.domain.SearchQuery;
import io.fenz.discovery.domain.SearchSort;
import io.fenz.discovery.domain.SearchTokenizer;
import io.fenz.discovery.port.VideoSearch;
import io.fenz.platform.PageRequest;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.ListedVideos;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * {@link VideoSearch} on MariaDB/MySQL InnoDB FULLTEXT over {@code videos.search_tokens} (see
 * {@link SearchTokenizer} for the encoding and docs/search.md for plans and figures).
 *
 * <p>Every user value is a bound parameter; the MATCH strings only ever contain {@code [a-z0-9
 * +-()"]}.
 *
 * <p>A text search at a million videos holds its connection for seconds, so text searches share at
 * most {@code FENZ_SEARCH_FULLTEXT_CONNECTIONS} of the pool ({@link Database#share}): under a burst
 * (every search while the in-memory index builds) the rest answer 503 {@code busy} and the feed,
 * writes and the index build keep their connections. Each of their statements is stopped after
 * {@code FENZ_SEARCH_FULLTEXT_TIMEOUT} and the search answered {@code busy}, so one slow query
 * under load cannot keep a turn for tens of seconds. Listings without text walk an index and stop
 * after the page; they use the pool as any query does.
 */
public final class JdbiVideoSearch implements VideoSearch {
  private final Database db;
  private final Database.Share textSearches;
  private final VideoRepository videos;

  @Inject
  public JdbiVideoSearch(Database db, VideoRepository videos, FenzConfig.Search config) {
    this.db = db;
    this.textSearches = db.share(config.fulltextConnections(), config.fulltextTimeout());
    this.videos = videos;
  }

  /**
   * The SQL of one search: {@code page} answers the page (with the text, it also carries the exact
   * total in every row); {@code count} is run when {@code page} cannot tell the total.
   */
  public record Statement(
      String page,
      Map<String, Object> pageParams,
      String count,
      Map<String, Object> countParams,
      boolean pageCarriesTotal) {}

  @Override
  public Results search(SearchQuery query, PageRequest page) {
    Statement sql = statement(query, page);
    record Ranked(List<Long> ids, long total, boolean exact) {}
    Function<Handle, Ranked> rank =
        h -> {
          var pageQuery = h.createQuery(sql.page());
          sql.pageParams().forEach(pageQuery::bind);
          long[] total = {-1};
          List<Long> ids =
              pageQuery
                  .map(
                      (rs, ctx) -> {
                        if (sql.pageCarriesTotal()) {
                          total[0] = rs.getLong("total");
                        }
                        return rs.getLong("id");
                      })
                  .list();
          if (total[0] >= 0) {
            return new Ranked(ids, total[0], true);
          }
          if (page.page() == 1 && ids.size() < page.pageSize()) {
            return new Ranked(ids, ids.size(), true);
          }
          var countQuery = h.createQuery(sql.count());
          sql.countParams().forEach(countQuery::bind);
          long counted = countQuery.mapTo(Long.class).one();
          boolean exact = counted <= MAX_TOTAL;
          return new Ranked(ids, exact ? counted : MAX_TOTAL, exact);
        };
    Ranked ranked = query.hasText() ? textSearches.withHandle(rank) : db.withHandle(rank);
    return new Results(
        VideoSearch.inOrder(ranked.ids(), videos.findByIds(ranked.ids())),
        ranked.total(),
        ranked.exact());
  }

  private static final String FROM = " FROM videos v" + ListedVideos.JOIN_OWNER;

  /**
   * Builds the SQL. With text, MATCH drives (the FULLTEXT index yields the matching rows; filters
   * are checked on them) and one statement ranks every match, pages, and counts with COUNT(*) OVER
   * (). Without text, the walk follows the covering index ix_videos_search_newest /
   * ix_videos_search_views (filters tested inside the index) and stops after the page; the total is
   * a separate count capped at {@link #MAX_TOTAL} + 1 rows. Either way only ids come back; the
   * page's rows are then loaded by primary key through content's {@link VideoRepository}.
   * STRAIGHT_JOIN keeps videos first: otherwise the optimizer may start from the small
   * channels/users tables and sort every published video.
   */
  public static Statement statement(SearchQuery query, PageRequest page) {
    Map<String, Object> filterParams = new LinkedHashMap<>();
    StringBuilder where = new StringBuilder(" WHERE " + ListedVideos.CONDITION);
    if (query.categoryId() != null) {
      where.append(" AND v.category_id = :category");
      filterParams.put("category", query.categoryId());
    }
    if (query.duration() != null) {
      where.append(" AND v.duration_s >= :minDuration");
      filterParams.put("minDuration", query.duration().minSeconds());
      if (query.duration().maxSecondsExclusive() != null) {
        where.append(" AND v.duration_s < :maxDuration");
        filterParams.put("maxDuration", query.duration().maxSecondsExclusive());
      }
    }
    if (query.publishedAfter() != null) {
      where.append(" AND v.published_at >= :since");
      filterParams.put("since", Utc.toDb(query.publishedAfter()));
    }
    if (query.minViews() != null) {
      where.append(" AND v.views_total >= :minViews");
      filterParams.put("minViews", query.minViews());
    }
    if (query.access() != null) {
      where.append(" AND v.access_tier = :tier");
      filterParams.put("tier", query.access().code());
    }
    Map<String, Object> pageParams = new LinkedHashMap<>(filterParams);
    pageParams.put("limit", page.pageSize());
    pageParams.put("offset", page.offset());

    if (!query.hasText()) {
      String order =
          query.sort() == SearchSort.VIEWS
              ? "v.views_total DESC, v.published_at DESC, v.id DESC"
              : "v.published_at DESC, v.id DESC";
      String pageSql =
          "SELECT STRAIGHT_JOIN v.id"
              + FROM
              + where
              + " ORDER BY "
              + order
              + " LIMIT :limit OFFSET :offset";
      String countSql =
          "SELECT COUNT(*) FROM (SELECT STRAIGHT_JOIN 1"
              + FROM
              + where
              + " LIMIT "
              + (MAX_TOTAL + 1)
              + ") capped";
      return new Statement(pageSql, pageParams, countSql, filterParams, false);
    }

    filterParams.put("q", SearchTokenizer.booleanQuery(query.text()).orElseThrow());
    pageParams.put("q", filterParams.get("q"));
    pageParams.put("tq", SearchTokenizer.titleBoostQuery(query.text()).orElseThrow());
    String match = " AND MATCH(v.search_tokens) AGAINST(:q IN BOOLEAN MODE)";
    String order =
        switch (query.sort()) {
          case RELEVANCE -> "title_score DESC, score DESC, v.published_at DESC, v.id DESC";
          case NEWEST -> "v.published_at DESC, v.id DESC";
          case VIEWS -> "v.views_total DESC, v.published_at DESC, v.id DESC";
        };
    String pageSql =
        "SELECT STRAIGHT_JOIN v.id, MATCH(v.search_tokens) AGAINST(:tq IN BOOLEAN MODE) AS title_score,"
            + " MATCH(v.search_tokens) AGAINST(:q IN BOOLEAN MODE) AS score, COUNT(*) OVER () AS total"
            + FROM
            + where
            + match
            + " ORDER BY "
            + order
            + " LIMIT :limit OFFSET :offset";
    String countSql =
        "SELECT COUNT(*) FROM (SELECT STRAIGHT_JOIN 1"
            + FROM
            + where
            + match
            + " LIMIT "
            + (MAX_TOTAL + 1)
            + ") capped";
    return new Statement(pageSql, pageParams, countSql, filterParams, true);
  }
}
