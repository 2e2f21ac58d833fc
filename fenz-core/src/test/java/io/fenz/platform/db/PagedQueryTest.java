package io.fenz.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.config.FenzConfig;
import io.fenz.testing.Sql;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The count and the page of a paged list agree, on real MariaDB. */
@WithFenzServices
class PagedQueryTest {
  // Rows 1..7 are in group "a", 8..10 in group "b"; the filter's join picks the group by name.
  private static final PagedQuery BY_GROUP =
      new PagedQuery(
          "paged_rows r",
          "SELECT r.id FROM paged_rows r",
          "JOIN paged_groups g ON g.id = r.group_id WHERE g.name = :group",
          "r.id DESC");
  private static Database db;

  @BeforeAll
  static void open(TestEnvironment env) {
    db = new Database(new FenzConfig.Database(env.jdbcUrl(), null, null, 2));
    Sql.execute(
        env,
        "CREATE TABLE IF NOT EXISTS paged_groups (id INT PRIMARY KEY, name VARCHAR(8) NOT NULL)",
        "CREATE TABLE IF NOT EXISTS paged_rows (id INT PRIMARY KEY, group_id INT NOT NULL)",
        "DELETE FROM paged_rows",
        "DELETE FROM paged_groups",
        "INSERT INTO paged_groups VALUES (1, 'a'), (2, 'b')",
        "INSERT INTO paged_rows VALUES (1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 1),"
            + " (8, 2), (9, 2), (10, 2)");
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void pagesWalkTheFilteredRowsInOrderAndEachCountsThemAll() {
    assertThat(page("a", 1, 3)).isEqualTo(new Page<>(List.of(7L, 6L, 5L), 1, 3, 7));
    assertThat(page("a", 2, 3)).isEqualTo(new Page<>(List.of(4L, 3L, 2L), 2, 3, 7));
    assertThat(page("a", 3, 3)).isEqualTo(new Page<>(List.of(1L), 3, 3, 7));
    assertThat(page("a", 4, 3)).isEqualTo(new Page<>(List.of(), 4, 3, 7));
  }

  @Test
  void theFilterAndItsBindingsNarrowTheCountAsWellAsThePage() {
    assertThat(page("b", 1, 20)).isEqualTo(new Page<>(List.of(10L, 9L, 8L), 1, 20, 3));
    assertThat(page("none", 1, 20)).isEqualTo(new Page<>(List.of(), 1, 20, 0));
  }

  private static Page<Long> page(String group, int page, int size) {
    return BY_GROUP.fetch(
        db, Map.of("group", group), new PageRequest(page, size), (rs, ctx) -> rs.getLong("id"));
  }
}
