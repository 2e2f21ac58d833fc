package io.fenz.monetization.adapter;

import io.fenz.identity.port.ChannelDirectory;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;

/** The monetization context's channels table, offered to identity through its port. */
public final class JdbiChannelDirectory implements ChannelDirectory {
  private final Database db;
  private final Clock clock;
  private final JdbiChannelAccess channels;

  @Inject
  public JdbiChannelDirectory(Database db, Clock clock, JdbiChannelAccess channels) {
    this.db = db;
    this.clock = clock;
    this.channels = channels;
  }

  @Override
  public long createChannelFor(long userId, String name) {
    return db.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO channels (user_id, name, created_at) VALUES (:user, :name, :now)")
                .bind("user", userId)
                .bind("name", name)
                .bind("now", Utc.toDb(clock.instant()))
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }

  @Override
  public Optional<Long> channelIdOf(long userId) {
    return channels.channelIdOf(userId);
  }
}
