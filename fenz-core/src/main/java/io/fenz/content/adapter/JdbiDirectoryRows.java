package io.fenz.content.adapter;

import io.fenz.content.port.DirectoryRows;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.JdbiVideoRows;
import jakarta.inject.Inject;
import java.time.LocalDateTime;

/** {@link DirectoryRows} on MariaDB/MySQL. */
public final class JdbiDirectoryRows extends JdbiVideoRows<DirectoryRows.Row>
    implements DirectoryRows {
  @Inject
  public JdbiDirectoryRows(Database db) {
    super(
        db,
        "v.channel_id, ch.user_id AS owner_id, v.access_tier",
        (rs, ctx) ->
            new Row(
                rs.getLong("id"),
                rs.getBoolean("listed"),
                rs.getLong("channel_id"),
                rs.getLong("owner_id"),
                rs.getInt("access_tier"),
                rs.getObject("changed_at", LocalDateTime.class)));
  }
}
