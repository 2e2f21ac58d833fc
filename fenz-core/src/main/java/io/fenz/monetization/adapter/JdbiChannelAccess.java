package io.fenz.monetization.adapter;

import io.fenz.content.port.ChannelAccess;
import io.fenz.content.port.CreatorChannels;
import io.fenz.monetization.domain.Membership;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/**
 * Subscriptions and memberships as the content context needs them (tier-1/2 playback, the stream's
 * re-check, member view counting, locked cards). A membership counts by {@link
 * Membership#grantsAccess}: active or trialing, or past due / canceled but inside the period paid
 * for.
 */
public final class JdbiChannelAccess implements ChannelAccess, CreatorChannels {
  private final Database db;
  private final Clock clock;

  @Inject
  public JdbiChannelAccess(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public boolean isSubscriber(long userId, long channelId) {
    return db.withHandle(
        h ->
            h.createQuery(
                        "SELECT COUNT(*) FROM channel_subscriptions WHERE user_id = :user AND channel_id = :channel")
                    .bind("user", userId)
                    .bind("channel", channelId)
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  @Override
  public boolean isMember(long userId, long channelId) {
    return db.withHandle(
        h ->
            h.createQuery(
                        """
            SELECT COUNT(*) FROM memberships
            WHERE user_id = :user AND channel_id = :channel
              AND (status IN ('active', 'trialing') OR (status IN ('past_due', 'canceled') AND current_period_end > :now))""")
                    .bind("user", userId)
                    .bind("channel", channelId)
                    .bind("now", Utc.toDb(clock.instant()))
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  @Override
  public boolean deleteChannelOf(long userId) {
    return db.withHandle(
            h ->
                h.createUpdate("DELETE FROM channels WHERE user_id = :user")
                    .bind("user", userId)
                    .execute())
        > 0;
  }

  @Override
  public Optional<Long> channelIdOf(long userId) {
    return JdbiChannelRepository.channelIdOf(db, userId);
  }
}
