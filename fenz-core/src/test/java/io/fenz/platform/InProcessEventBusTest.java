package io.fenz.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.db.Database;
import io.fenz.platform.events.InProcessEventBus;
import io.fenz.platform.events.JdbiDeadLetters;
import io.fenz.platform.events.JdbiOutbox;
import io.fenz.platform.events.LocalEvents;
import io.fenz.platform.events.OutboxRelay;
import io.fenz.platform.events.Redelivery;
import io.fenz.testing.TestConfigs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The in-process bus (no NATS) with the relay on real MariaDB: a row is marked published only once
 * its event is handled, so a process stopped mid-delivery hands the unhandled events to the next
 * one, and nothing handled is handed again.
 */
@WithFenzServices
class InProcessEventBusTest {
  private static final Clock CLOCK = Clock.systemUTC();
  private static Database db;

  @BeforeAll
  static void open(TestEnvironment env) {
    db = TestConfigs.migratedDatabase(env, 4);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void eventsNotHandledWhenTheProcessStopsAreDeliveredAfterTheRestartAndNoneTwice()
      throws Exception {
    JdbiOutbox outbox = new JdbiOutbox(db, CLOCK, new LocalEvents(Set.of()));
    for (int n = 1; n <= 3; n++) {
      outbox.append("fenz.test.happened", Map.of("n", n));
    }
    List<Long> handledBefore = new CopyOnWriteArrayList<>();
    CountDownLatch stuck = new CountDownLatch(1);
    InProcessEventBus before = bus();
    OutboxRelay relayBefore = new OutboxRelay(db, before, CLOCK);
    before.consume(
        "notifications",
        event -> {
          handledBefore.add(event.number("n"));
          if (event.number("n") == 2) {
            stuck.countDown();
            new CountDownLatch(1).await(); // handling it until the process stops
          }
        });
    assertThat(relayBefore.relay(100)).as("nothing handled yet").isZero();
    assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
    awaitTrue(() -> relayBefore.relay(100) == 1, "the first event, handled, is marked");
    for (int tick = 0; tick < 3; tick++) {
      assertThat(relayBefore.relay(100)).isZero();
    }
    assertThat(handledBefore).as("each handed over once").containsExactly(1L, 2L);
    assertThat(relayBefore.lag().waiting()).isEqualTo(2);

    before.close(); // stopped mid-delivery

    List<Long> handledAfter = new CopyOnWriteArrayList<>();
    try (InProcessEventBus after = bus()) {
      OutboxRelay relayAfter = new OutboxRelay(db, after, CLOCK);
      assertThat(relayAfter.relay(100)).as("no consumer yet: the rows wait").isZero();
      after.consume("notifications", event -> handledAfter.add(event.number("n")));
      awaitTrue(
          () -> {
            relayAfter.relay(100);
            return relayAfter.lag().waiting() == 0;
          },
          "every row handled and marked");
    }
    assertThat(handledAfter).containsExactly(2L, 3L);
  }

  private static InProcessEventBus bus() {
    return new InProcessEventBus(new Redelivery(5, new JdbiDeadLetters(db, CLOCK)));
  }

  private static void awaitTrue(BooleanSupplier check, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!check.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(50);
    }
  }
}
