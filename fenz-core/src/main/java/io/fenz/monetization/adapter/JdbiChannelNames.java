package io.fenz.monetization.adapter;

import io.fenz.interaction.port.ChannelNames;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.IdNames;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;

/** Channel names for the interaction context's notifications; a hidden owner's channel has none. */
public final class JdbiChannelNames implements ChannelNames {
  private final Database db;

  @Inject
  public JdbiChannelNames(Database db) {
    this.db = db;
  }

  @Override
  public Map<Long, String> visible(Collection<Long> channelIds) {
    return IdNames.read(
        db,
        """
        SELECT ch.id, ch.name FROM channels ch JOIN users u ON u.id = ch.user_id
        WHERE ch.id IN (<ids>) AND u.is_hidden = FALSE""",
        channelIds);
  }
}
