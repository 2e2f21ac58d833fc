package io.fenz.platform.db;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A name per id, read in one statement for a whole page of rows (no query when there are none). */
public final class IdNames {
  private IdNames() {}

  /**
   * Runs {@code select}, which reads columns {@code id} and {@code name} and binds the ids as the
   * list {@code <ids>}; ids it doesn't return are absent from the map.
   */
  public static Map<Long, String> read(Database db, String select, Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return db.withHandle(
        h ->
            h.createQuery(select)
                .bindList("ids", List.copyOf(ids))
                .reduceRows(
                    new HashMap<>(),
                    (names, row) -> {
                      names.put(
                          row.getColumn("id", Long.class), row.getColumn("name", String.class));
                      return names;
                    }));
  }
}
