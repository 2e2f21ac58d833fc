package io.fenz.monetization.adapter;

import io.fenz.monetization.domain.ChannelProfile;
import io.fenz.monetization.port.ChannelRepository;
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
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

public final class JdbiChannelRepository implements ChannelRepository {
  private static final String SELECT =
      """
      SELECT ch.id, ch.name, ch.description, ch.user_id, u.is_hidden, ch.membership_price, ch.currency, ch.created_at,
             (SELECT COUNT(*) FROM channel_subscriptions s WHERE s.channel_id = ch.id) AS subscribers,
             (SELECT COUNT(*) FROM videos v WHERE v.channel_id = ch.id AND v.is_published = TRUE) AS videos
      FROM channels ch JOIN users u ON u.id = ch.user_id
      """;
  private final Database db;

  @Inject
  public JdbiChannelRepository(Database db) {
    this.db = db;
  }

  @Override
  public Optional<ChannelProfile> findProfile(long channelId) {
    return db.withHandle(
        h ->
            h.createQuery(SELECT + " WHERE ch.id = :id")
                .bind("id", channelId)
                .map(JdbiChannelRepository::map)
                .findOne());
  }

  @Override
  public Optional<Long> channelIdOf(long userId) {
    return JdbiChannelRepository.channelIdOf(db, userId);
  }

  /** The channel {@code userId} owns, if any: one query for every port that asks. */
  static Optional<Long> channelIdOf(Database db, long userId) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT id FROM channels WHERE user_id = :user")
                .bind("user", userId)
                .mapTo(Long.class)
                .findOne());
  }

  @Override
  public void setMembershipOffer(long channelId, long price, String currency) {
    db.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE channels SET membership_price = :price, currency = :currency WHERE id = :id")
                .bind("id", channelId)
                .bind("price", price)
                .bind("currency", currency)
                .execute());
  }

  @Override
  public boolean subscribe(long userId, long channelId, Instant at) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "INSERT IGNORE INTO channel_subscriptions (user_id, channel_id, created_at) VALUES (:u, :c, :at)")
                    .bind("u", userId)
                    .bind("c", channelId)
                    .bind("at", Utc.toDb(at))
                    .execute())
        == 1;
  }

  @Override
  public boolean unsubscribe(long userId, long channelId) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "DELETE FROM channel_subscriptions WHERE user_id = :u AND channel_id = :c")
                    .bind("u", userId)
                    .bind("c", channelId)
                    .execute())
        == 1;
  }

  @Override
  public Page<ChannelProfile> subscriptionsOf(long userId, PageRequest page) {
    return new PagedQuery(
            "channels ch JOIN users u ON u.id = ch.user_id",
            SELECT,
            "JOIN channel_subscriptions mine ON mine.channel_id = ch.id AND mine.user_id = :user"
                + " WHERE u.is_hidden = FALSE",
            "mine.created_at DESC, ch.id DESC")
        .fetch(db, Map.of("user", userId), page, JdbiChannelRepository::map);
  }

  private static ChannelProfile map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ChannelProfile(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getLong("user_id"),
        rs.getBoolean("is_hidden"),
        rs.getLong("subscribers"),
        rs.getLong("videos"),
        rs.getObject("membership_price", Long.class),
        rs.getString("currency"),
        Utc.fromDb(rs.getObject("created_at", LocalDateTime.class)));
  }
}
