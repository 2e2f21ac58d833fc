package io.fenz.discovery.adapter;

import io.fenz.discovery.domain.SearchTokenizer;
import io.fenz.discovery.port.SearchIndex;
import io.fenz.platform.db.Database;
import jakarta.inject.Inject;
import java.util.List;

/**
 * {@link SearchIndex} for the FULLTEXT adapter: {@code search_tokens} recomputed from title and
 * description.
 */
public final class JdbiSearchIndex implements SearchIndex {
  private final Database db;

  @Inject
  public JdbiSearchIndex(Database db) {
    this.db = db;
  }

  @Override
  public long maxVideoId() {
    return db.withHandle(
        h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM videos").mapTo(Long.class).one());
  }

  private record Row(long id, String title, String description, String tokens) {}

  /**
   * Locks the range's rows while it works (FOR UPDATE), so an edit committed meanwhile can't be
   * overwritten with tokens of the old text; only rows whose tokens differ are written.
   */
  @Override
  public Batch reindex(long fromId, long toId) {
    return db.inTransaction(
        () ->
            db.withHandle(
                h -> {
                  List<Row> rows =
                      h.createQuery(
                              """
              SELECT id, title, description, search_tokens FROM videos WHERE id >= :from AND id < :to ORDER BY id FOR UPDATE""")
                          .bind("from", fromId)
                          .bind("to", toId)
                          .map(
                              (rs, ctx) ->
                                  new Row(
                                      rs.getLong(1),
                                      rs.getString(2),
                                      rs.getString(3),
                                      rs.getString(4)))
                          .list();
                  var update =
                      h.prepareBatch("UPDATE videos SET search_tokens = :tokens WHERE id = :id");
                  int changed = 0;
                  for (Row row : rows) {
                    String tokens = SearchTokenizer.indexText(row.title(), row.description());
                    if (!tokens.equals(row.tokens())) {
                      update.bind("tokens", tokens).bind("id", row.id()).add();
                      changed++;
                    }
                  }
                  if (changed > 0) {
                    update.execute();
                  }
                  return new Batch(rows.size(), changed);
                }));
  }
}
