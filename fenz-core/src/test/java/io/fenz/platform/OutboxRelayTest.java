package io.fenz.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.db.Database;
import io.fenz.platform.events.EventBus;
import io.fenz.platform.events.JdbiOutbox;
import io.fenz.platform.events.LocalEvents;
import io.fenz.platform.events.OutboxRelay;
import io.fenz.testing.MutableClock;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The relay on real MariaDB with a bus that stops taking events part-way (as JetStream does when it
 * goes down mid-batch): only what the bus stored is marked, the rest waits and goes out later in
 * order; pruning and lag.
 */
@WithFenzServices
class OutboxRelayTest {
  private static final MutableClock CLOCK = MutableClock.startingNow();
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
  void onlyWhatTheBusStoredIsMarkedTheRestWaitsAndPublishedRowsArePruned() {
    JdbiOutbox outbox = new JdbiOutbox(db, CLOCK, new LocalEvents(Set.of()));
    for (int i = 1; i <= 5; i++) {
      outbox.append("fenz.test.happened", Map.of("n", i));
    }
    FlakyBus bus = new FlakyBus(2);
    OutboxRelay relay = new OutboxRelay(db, bus, CLOCK);
    CLOCK.advance(Duration.ofSeconds(30));
    assertThat(relay.lag().waiting()).isEqualTo(5);
    assertThat(relay.lag().oldest()).isBetween(Duration.ofSeconds(30), Duration.ofSeconds(31));

    assertThat(relay.relay(100)).as("the bus took two, then went down").isEqualTo(2);
    assertThat(relay.lag().waiting()).isEqualTo(3);
    bus.capacity = Integer.MAX_VALUE;
    assertThat(relay.relay(100)).isEqualTo(3);
    assertThat(bus.stored)
        .extracting(e -> e.payload().replaceAll(".*\"n\":(\\d).*", "$1"))
        .containsExactly("1", "2", "3", "4", "5");
    assertThat(relay.relay(100)).as("nothing twice").isZero();
    assertThat(relay.lag()).isEqualTo(new OutboxRelay.Lag(0, Duration.ZERO));

    CLOCK.advance(Duration.ofDays(8));
    outbox.append("fenz.test.happened", Map.of("n", 6));
    relay.relay(100);
    assertThat(relay.prune(Duration.ofDays(7), 1_000))
        .as("published more than 7 days ago")
        .isEqualTo(5);
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM outbox")).isEqualTo(1);
  }

  /** Stores up to {@code capacity} events, then reports the rest as not stored. */
  private static final class FlakyBus implements EventBus {
    final List<Outgoing> stored = new ArrayList<>();
    int capacity;

    FlakyBus(int capacity) {
      this.capacity = capacity;
    }

    @Override
    public int publish(List<Outgoing> events) {
      int taken = Math.min(events.size(), Math.max(0, capacity - stored.size()));
      stored.addAll(events.subList(0, taken));
      return taken;
    }

    @Override
    public boolean connected() {
      return true;
    }

    @Override
    public String describe() {
      return "flaky";
    }

    @Override
    public AutoCloseable consume(String durable, Handler handler) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void announce(String topic, byte[] data) {
      throw new UnsupportedOperationException();
    }

    @Override
    public AutoCloseable listen(String topic, Consumer<byte[]> listener) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }
}
