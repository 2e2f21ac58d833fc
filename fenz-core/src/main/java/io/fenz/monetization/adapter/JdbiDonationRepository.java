package io.fenz.monetization.adapter;

import io.fenz.monetization.domain.Donation;
import io.fenz.monetization.port.DonationRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.PagedQuery;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

public final class JdbiDonationRepository implements DonationRepository {
  private static final String SELECT =
      """
      SELECT d.id, d.from_user_id, u.display_name, d.to_channel_id, ch.name AS channel_name, d.video_id, d.amount, d.currency, d.message,
             d.status, d.created_at, d.paid_at, d.updated_from_event_at
      FROM donations d JOIN channels ch ON ch.id = d.to_channel_id LEFT JOIN users u ON u.id = d.from_user_id
      """;
  private final Database db;

  @Inject
  public JdbiDonationRepository(Database db) {
    this.db = db;
  }

  @Override
  public long createPending(
      long fromUserId,
      long channelId,
      Long videoId,
      long amount,
      String currency,
      String message,
      String transactionId,
      Instant now) {
    return db.withHandle(
        h ->
            h.createUpdate(
                    """
            INSERT INTO donations (from_user_id, to_channel_id, video_id, amount, currency, message, status, paddle_transaction_id,
                                   created_at, updated_at)
            VALUES (:from, :channel, :video, :amount, :currency, :message, 'pending', :txn, :now, :now)""")
                .bind("from", fromUserId)
                .bind("channel", channelId)
                .bind("video", videoId)
                .bind("amount", amount)
                .bind("currency", currency)
                .bind("message", message)
                .bind("txn", transactionId)
                .bind("now", Utc.toDb(now))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }

  @Override
  public Optional<Locked> lockByTransaction(String transactionId) {
    return db.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE d.paddle_transaction_id = :txn FOR UPDATE")
                .bind("txn", transactionId)
                .map(
                    (rs, ctx) ->
                        new Locked(
                            map(rs, ctx),
                            JdbiMembershipRepository.instant(rs, "updated_from_event_at")))
                .findOne());
  }

  @Override
  public void update(
      long id,
      String status,
      long amount,
      String currency,
      Instant paidAt,
      Instant eventAt,
      Instant now) {
    db.withHandle(
        h ->
            h.createUpdate(
                    """
            UPDATE donations SET status = :status, amount = :amount, currency = :currency, paid_at = :paidAt,
                   updated_from_event_at = :eventAt, updated_at = :now WHERE id = :id""")
                .bind("id", id)
                .bind("status", status)
                .bind("amount", amount)
                .bind("currency", currency)
                .bind("paidAt", Utc.toDb(paidAt))
                .bind("eventAt", Utc.toDb(eventAt))
                .bind("now", Utc.toDb(now))
                .execute());
  }

  @Override
  public Page<Donation> sentBy(long userId, PageRequest page) {
    return page("d.from_user_id = :owner", userId, page);
  }

  @Override
  public Page<Donation> receivedBy(long channelId, PageRequest page) {
    return page("d.to_channel_id = :owner", channelId, page);
  }

  private Page<Donation> page(String where, long owner, PageRequest page) {
    return new PagedQuery("donations d", SELECT, "WHERE " + where, "d.created_at DESC, d.id DESC")
        .fetch(db, Map.of("owner", owner), page, JdbiDonationRepository::map);
  }

  @Override
  public List<String> stalePending(Instant createdBefore, Instant createdAfter, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    """
            SELECT paddle_transaction_id FROM donations
            WHERE status = 'pending' AND created_at < :before AND created_at > :after ORDER BY created_at LIMIT :limit""")
                .bind("before", Utc.toDb(createdBefore))
                .bind("after", Utc.toDb(createdAfter))
                .bind("limit", limit)
                .mapTo(String.class)
                .list());
  }

  private static Donation map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Donation(
        rs.getLong("id"),
        rs.getObject("from_user_id", Long.class),
        rs.getString("display_name"),
        rs.getLong("to_channel_id"),
        rs.getString("channel_name"),
        rs.getObject("video_id", Long.class),
        rs.getLong("amount"),
        rs.getString("currency"),
        rs.getString("message"),
        rs.getString("status"),
        JdbiMembershipRepository.instant(rs, "created_at"),
        JdbiMembershipRepository.instant(rs, "paid_at"));
  }
}
