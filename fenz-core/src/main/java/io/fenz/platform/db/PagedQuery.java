package io.fenz.platform.db;

import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * One paged list: a {@code COUNT(*)} for the total and a LIMIT/OFFSET page, run on one handle with
 * the same filter and bindings, so the total counts the rows the pages walk through.
 *
 * @param countFrom the tables the count reads (what follows {@code SELECT COUNT(*) FROM}); joins
 *     the page makes only for its columns, one row each, may be left out
 * @param select the page's {@code SELECT … FROM …}, up to the filter
 * @param filter what both queries add after their tables: joins that filter, then the WHERE clause
 *     (empty for every row)
 * @param orderBy the page's order; it ends with a unique key so pages neither repeat nor skip rows
 */
public record PagedQuery(String countFrom, String select, String filter, String orderBy) {

  /** The {@code page} of rows, mapped, with the total of rows the filter matches. */
  public <T> Page<T> fetch(
      Database db, Map<String, ?> bindings, PageRequest page, RowMapper<T> mapper) {
    return db.withHandle(
        h -> {
          long total =
              h.createQuery("SELECT COUNT(*) FROM " + countFrom + " " + filter)
                  .bindMap(bindings)
                  .mapTo(Long.class)
                  .one();
          List<T> items =
              h.createQuery(
                      select
                          + " "
                          + filter
                          + " ORDER BY "
                          + orderBy
                          + " LIMIT :limit OFFSET :offset")
                  .bindMap(bindings)
                  .bind("limit", page.pageSize())
                  .bind("offset", page.offset())
                  .map(mapper)
                  .list();
          return new Page<>(items, page.page(), page.pageSize(), total);
        });
  }
}
