package io.fenz.monetization.adapter;

import io.fenz.monetization.domain.Membership;
import io.fenz.monetization.port.MembershipRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.PagedQuery;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

public final class JdbiMembershipRepository implements MembershipRepository {
  private static final String SELECT =
      """
      SELECT m.id, m.user_id, m.channel_id, ch.name AS channel_name, m.paddle_subscription_id, m.status, m.current_period_end,
             m.cancel_at, m.activated_at, m.updated_from_event_at
      FROM memberships m JOIN channels ch ON ch.id = m.channel_id
      """;
  private final Database db;

  @Inject
  public JdbiMembershipRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Membership> lockBySubscription(String subscriptionId) {
    return db.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE m.paddle_subscription_id = :sub FOR UPDATE")
                .bind("sub", subscriptionId)
                .map(JdbiMembershipRepository::map)
                .findOne());
  }

  @Override
  public boolean insert(
      long userId,
      long channelId,
      String subscriptionId,
      String status,
      Instant periodEnd,
      Instant cancelAt,
      Instant activatedAt,
      Instant eventAt,
      Instant now) {
    // INSERT ... SELECT writes nothing for a user or channel that does not exist (a forged or stale
    // custom_data).
    return db.withHandle(
            h ->
                h.createUpdate(
                        """
            INSERT INTO memberships (user_id, channel_id, paddle_subscription_id, status, current_period_end, cancel_at, activated_at,
                                     updated_from_event_at, created_at)
            SELECT u.id, ch.id, :sub, :status, :periodEnd, :cancelAt, :activatedAt, :eventAt, :now
            FROM users u JOIN channels ch ON ch.id = :channel WHERE u.id = :user""")
                    .bind("user", userId)
                    .bind("channel", channelId)
                    .bind("sub", subscriptionId)
                    .bind("status", status)
                    .bind("periodEnd", Utc.toDb(periodEnd))
                    .bind("cancelAt", Utc.toDb(cancelAt))
                    .bind("activatedAt", Utc.toDb(activatedAt))
                    .bind("eventAt", Utc.toDb(eventAt))
                    .bind("now", Utc.toDb(now))
                    .execute())
        == 1;
  }

  @Override
  public void update(
      long id,
      String status,
      Instant periodEnd,
      Instant cancelAt,
      Instant activatedAt,
      Instant eventAt) {
    db.withHandle(
        h ->
            h.createUpdate(
                    """
            UPDATE memberships SET status = :status, current_period_end = :periodEnd, cancel_at = :cancelAt, activated_at = :activatedAt,
                   updated_from_event_at = :eventAt WHERE id = :id""")
                .bind("id", id)
                .bind("status", status)
                .bind("periodEnd", Utc.toDb(periodEnd))
                .bind("cancelAt", Utc.toDb(cancelAt))
                .bind("activatedAt", Utc.toDb(activatedAt))
                .bind("eventAt", Utc.toDb(eventAt))
                .execute());
  }

  @Override
  public List<Membership> of(long userId, long channelId) {
    return db.withHandle(
        h ->
            h.createQuery(
                    SELECT
                        + " WHERE m.user_id = :user AND m.channel_id = :channel ORDER BY m.id DESC")
                .bind("user", userId)
                .bind("channel", channelId)
                .map(JdbiMembershipRepository::map)
                .list());
  }

  @Override
  public Page<Membership> listOf(long userId, PageRequest page) {
    return new PagedQuery("memberships m", SELECT, "WHERE m.user_id = :user", "m.id DESC")
        .fetch(db, Map.of("user", userId), page, JdbiMembershipRepository::map);
  }

  @Override
  public List<Membership> overdue(Instant now, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    SELECT
                        + """
             WHERE m.current_period_end < :now AND m.updated_from_event_at < m.current_period_end
               AND m.status IN ('active', 'trialing', 'past_due', 'paused')
            ORDER BY m.current_period_end LIMIT :limit""")
                .bind("now", Utc.toDb(now))
                .bind("limit", limit)
                .map(JdbiMembershipRepository::map)
                .list());
  }

  private static Membership map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Membership(
        rs.getLong("id"),
        rs.getLong("user_id"),
        rs.getLong("channel_id"),
        rs.getString("channel_name"),
        rs.getString("paddle_subscription_id"),
        rs.getString("status"),
        instant(rs, "current_period_end"),
        instant(rs, "cancel_at"),
        instant(rs, "activated_at"),
        instant(rs, "updated_from_event_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    return Utc.fromDb(rs.getObject(column, LocalDateTime.class));
  }
}
