package io.fenz.content.adapter;

import io.fenz.content.app.Videos;
import io.fenz.content.domain.Video;
import io.fenz.content.port.VideoRepository;
import io.fenz.monetization.port.CreatorContent;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.db.Database;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;

/** The content context's videos and daily view rollup, offered to monetization through its port. */
public final class ContentForCreators implements CreatorContent {
  private final Videos videos;
  private final VideoRepository repository;
  private final Database db;

  @Inject
  public ContentForCreators(Videos videos, VideoRepository repository, Database db) {
    this.videos = videos;
    this.repository = repository;
    this.db = db;
  }

  @Override
  public VideoRef visibleVideo(long videoId, long userId) {
    Video v = videos.visibleTo(videoId, userId);
    return new VideoRef(v.id(), v.channelId(), v.ownerId(), v.title());
  }

  @Override
  public Page<VideoStats> videosOf(long channelId, PageRequest page) {
    Page<Video> found = repository.listByChannel(channelId, true, page);
    return new Page<>(
        found.items().stream()
            .map(
                v ->
                    new VideoStats(
                        v.id(),
                        v.title(),
                        v.published(),
                        v.accessTier().code(),
                        v.publishedAt(),
                        v.createdAt(),
                        v.viewsMember(),
                        v.viewsNonMember()))
            .toList(),
        found.page(),
        found.pageSize(),
        found.total());
  }

  @Override
  public List<DailyViews> dailyViews(long channelId, LocalDate from, LocalDate to) {
    return db.withHandle(
        h ->
            h.createQuery(
                    """
            SELECT d.day, SUM(d.views_member) AS m, SUM(d.views_non_member) AS n
            FROM videos v JOIN video_daily_views d ON d.video_id = v.id AND d.day BETWEEN :from AND :to
            WHERE v.channel_id = :channel GROUP BY d.day ORDER BY d.day""")
                .bind("channel", channelId)
                .bind("from", from)
                .bind("to", to)
                .map(
                    (rs, ctx) ->
                        new DailyViews(
                            rs.getObject("day", LocalDate.class), rs.getLong("m"), rs.getLong("n")))
                .list());
  }
}
