package io.fenz.monetization.adapter;

import io.fenz.monetization.port.ChannelAnalytics;
import io.fenz.platform.db.Database;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Each figure is one grouped query on an index that starts with the channel (or video) id. */
public final class JdbiChannelAnalytics implements ChannelAnalytics {
  private final Database db;

  @Inject
  public JdbiChannelAnalytics(Database db) {
    this.db = db;
  }

  @Override
  public Map<LocalDate, Long> newSubscribers(long channelId, LocalDate from, LocalDate to) {
    return perDay(
        """
        SELECT DATE(created_at) AS day, COUNT(*) AS n FROM channel_subscriptions
        WHERE channel_id = :channel AND created_at >= :from AND created_at < :end GROUP BY DATE(created_at)""",
        channelId,
        from,
        to);
  }

  @Override
  public Map<LocalDate, Long> newMembers(long channelId, LocalDate from, LocalDate to) {
    return perDay(
        """
        SELECT DATE(activated_at) AS day, COUNT(*) AS n FROM memberships
        WHERE channel_id = :channel AND activated_at >= :from AND activated_at < :end GROUP BY DATE(activated_at)""",
        channelId,
        from,
        to);
  }

  @Override
  public Map<LocalDate, Long> activeMembers(long channelId, LocalDate from, LocalDate to) {
    // A calendar of the range (capped by the caller) joined to the channel's memberships.
    return perDay(
        """
        WITH RECURSIVE days (day) AS (
          SELECT CAST(:from AS DATE) UNION ALL SELECT day + INTERVAL 1 DAY FROM days WHERE day + INTERVAL 1 DAY < :end)
        SELECT days.day AS day, COUNT(m.id) AS n FROM days
        LEFT JOIN memberships m ON m.channel_id = :channel AND m.activated_at < days.day + INTERVAL 1 DAY
          AND (m.status IN ('active', 'trialing') OR m.current_period_end > days.day)
        GROUP BY days.day""",
        channelId,
        from,
        to);
  }

  @Override
  public List<DonationDay> donations(long channelId, LocalDate from, LocalDate to) {
    return db.withHandle(
        h ->
            h.createQuery(
                    """
            SELECT DATE(paid_at) AS day, currency, SUM(amount) AS amount, COUNT(*) AS n FROM donations
            WHERE to_channel_id = :channel AND paid_at >= :from AND paid_at < :end AND status = 'paid'
            GROUP BY DATE(paid_at), currency ORDER BY day, currency""")
                .bind("channel", channelId)
                .bind("from", from)
                .bind("end", to.plusDays(1))
                .map(
                    (rs, ctx) ->
                        new DonationDay(
                            rs.getObject("day", LocalDate.class),
                            new Money(
                                rs.getString("currency"), rs.getLong("amount"), rs.getLong("n"))))
                .list());
  }

  @Override
  public Map<Long, List<Money>> donationsPerVideo(Collection<Long> videoIds) {
    if (videoIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, List<Money>> result = new HashMap<>();
    db.withHandle(
            h ->
                h.createQuery(
                        """
            SELECT video_id, currency, SUM(amount) AS amount, COUNT(*) AS n FROM donations
            WHERE video_id IN (<ids>) AND status = 'paid' GROUP BY video_id, currency ORDER BY currency""")
                    .bindList("ids", List.copyOf(videoIds))
                    .map(
                        (rs, ctx) ->
                            Map.entry(
                                rs.getLong("video_id"),
                                new Money(
                                    rs.getString("currency"),
                                    rs.getLong("amount"),
                                    rs.getLong("n"))))
                    .list())
        .forEach(
            e ->
                result
                    .computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>())
                    .add(e.getValue()));
    return result;
  }

  private Map<LocalDate, Long> perDay(String sql, long channelId, LocalDate from, LocalDate to) {
    Map<LocalDate, Long> days = new TreeMap<>();
    db.withHandle(
            h ->
                h.createQuery(sql)
                    .bind("channel", channelId)
                    .bind("from", from)
                    .bind("end", to.plusDays(1))
                    .map(
                        (rs, ctx) ->
                            Map.entry(rs.getObject("day", LocalDate.class), rs.getLong("n")))
                    .list())
        .forEach(e -> days.put(e.getKey(), e.getValue()));
    return days;
  }
}
