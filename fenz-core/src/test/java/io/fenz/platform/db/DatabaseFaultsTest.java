package io.fenz.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.FenzException;
import io.fenz.testing.TcpGate;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database host that hangs (a gate between the pool and MariaDB stops carrying bytes, closing
 * nothing): a statement waiting on it is answered {@code busy} after the socket timeout instead of
 * waiting for TCP to give up, and the pool serves again once the database answers.
 */
@WithFenzServices
class DatabaseFaultsTest {
  private static TestEnvironment env;

  @BeforeAll
  static void open(TestEnvironment environment) {
    env = environment;
  }

  @Test
  void aStatementTheDatabaseStopsAnsweringIsBusyAfterTheSocketTimeoutAndThePoolRecovers()
      throws Exception {
    try (TcpGate gate = TcpGate.inFrontOfDatabase(env.jdbcUrl());
        Database db =
            new Database(
                new FenzConfig.Database(
                    gate.jdbcUrl(env.jdbcUrl()),
                    null,
                    null,
                    1,
                    Duration.ofMillis(250),
                    Duration.ofSeconds(1)))) {
      // The pool's one connection, just used: the pool hands it out again without checking it.
      assertThat(awaitAPing(db)).isTrue();
      gate.set(TcpGate.Mode.FREEZE);
      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () ->
              assertThatThrownBy(db::ping)
                  .isInstanceOfSatisfying(
                      FenzException.class, e -> assertThat(e.code()).isEqualTo("busy")),
          "waited on the frozen connection instead of giving it up");
      gate.set(TcpGate.Mode.FORWARD);
      assertThat(awaitAPing(db)).as("the pool serves again").isTrue();
    }
  }

  /** Whether a ping succeeds within 10 s (the pool may answer busy while it reconnects). */
  private static boolean awaitAPing(Database db) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        return db.ping();
      } catch (FenzException busy) {
        assertThat(busy.code()).isEqualTo("busy");
      }
    }
    return false;
  }
}
