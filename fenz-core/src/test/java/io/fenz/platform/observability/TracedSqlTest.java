package io.fenz.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TracedSqlTest {
  @Test
  void theSpanIsNamedByTheStatementsFirstWord() {
    assertThat(TracedSql.verb("select v.id from videos v")).isEqualTo("SELECT");
    assertThat(TracedSql.verb("UPDATE\n  videos SET x = 1")).isEqualTo("UPDATE");
    assertThat(TracedSql.verb("insert\tinto tags")).isEqualTo("INSERT");
    assertThat(TracedSql.verb("COMMIT")).isEqualTo("COMMIT");
    assertThat(TracedSql.verb("")).isEqualTo("SQL");
  }
}
