package io.fenz.monetization.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.db.Database;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * payment_events on MariaDB: a committed id is answered from memory afterwards (a redelivery costs
 * no database work), an id whose transaction rolled back is never taken for recorded.
 */
@WithFenzServices
class ProcessedEventsTest {
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");
  private static TestEnvironment env;
  private static Database db;

  @BeforeAll
  static void open(TestEnvironment environment) {
    env = environment;
    db = TestConfigs.migratedDatabase(env, 4);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void aCommittedIdIsAnsweredFromMemoryOnceTheTableHasShownIt() {
    JdbiProcessedEvents processed = new JdbiProcessedEvents(db);
    assertThat(processed.isRecorded("evt_kept")).isFalse();
    assertThat(
            db.inTransaction(() -> processed.record("evt_kept", "transaction.completed", AT, AT)))
        .isTrue();
    assertThat(processed.isRecorded("evt_kept")).isTrue();
    Sql.execute(env, "DELETE FROM payment_events WHERE event_id = 'evt_kept'");
    assertThat(processed.isRecorded("evt_kept"))
        .as("answered without reading the table again")
        .isTrue();
    assertThat(new JdbiProcessedEvents(db).isRecorded("evt_kept"))
        .as("another process reads the table")
        .isFalse();
  }

  @Test
  void anIdSeenOnlyInsideARolledBackTransactionIsNotTakenForRecorded() {
    JdbiProcessedEvents processed = new JdbiProcessedEvents(db);
    assertThatThrownBy(
            () ->
                db.inTransaction(
                    () -> {
                      processed.record("evt_rolled_back", "transaction.completed", AT, AT);
                      assertThat(processed.isRecorded("evt_rolled_back"))
                          .as("its own uncommitted row")
                          .isTrue();
                      throw new IllegalStateException("rolled back");
                    }))
        .hasMessage("rolled back");
    assertThat(processed.isRecorded("evt_rolled_back")).isFalse();
    assertThat(db.inTransaction(() -> processed.record("evt_rolled_back", "x", AT, AT)))
        .as("the retry records it")
        .isTrue();
  }
}
