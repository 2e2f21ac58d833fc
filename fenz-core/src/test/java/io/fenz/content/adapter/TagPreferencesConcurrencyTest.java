package io.fenz.content.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.testing.Sql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PUT /me/tags' write under concurrency on real MariaDB: no deadlock between owners, last writer
 * wins for one owner.
 */
@WithFenzServices
class TagPreferencesConcurrencyTest {
  private static final int THREADS = 16;
  private static Database db;
  private static JdbiTagPreferenceRepository preferences;
  private static List<Long> tags;

  @BeforeAll
  static void open(TestEnvironment env) {
    db = new Database(new FenzConfig.Database(env.jdbcUrl(), null, null, THREADS));
    db.migrate();
    tags = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      tags.add(
          Sql.insert(
              env,
              "INSERT INTO tags (slug, name_zh, name_en) VALUES ('conc-"
                  + i
                  + "', '標籤"
                  + i
                  + "', 'Tag "
                  + i
                  + "')"));
    }
    preferences = new JdbiTagPreferenceRepository(db, Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void manyGuestsSettingTagsSixteenAtATimeNeverDeadlock() throws Exception {
    long retriesBefore = db.lockRetries();
    List<String> sessions = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      sessions.add(UUID.randomUUID().toString());
    }
    Map<String, List<Long>> last = new ConcurrentHashMap<>();
    List<Future<?>> writes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      // Each guest sets tags twice (a first pick, then a change), as 10,000 guests did in the
      // issue's run.
      for (int round = 0; round < 2; round++) {
        for (String session : sessions) {
          writes.add(
              pool.submit(
                  () -> {
                    List<Long> picked = pick(new Random());
                    preferences.replaceForSession(session, picked);
                    last.merge(session, picked, (a, b) -> b);
                  }));
        }
        for (Future<?> write : writes) {
          write.get(60, TimeUnit.SECONDS);
        }
        writes.clear();
      }
    }
    assertThat(db.lockRetries() - retriesBefore)
        .as("writers of different guests never deadlocked or waited out a lock")
        .isZero();
    for (String session : sessions) {
      assertThat(new HashSet<>(preferences.ofSession(session)))
          .isEqualTo(new HashSet<>(last.get(session)));
    }
  }

  @Test
  void oneGuestWritingFromManyThreadsEndsWithOneOfTheSetsNeverAMix() throws Exception {
    String session = UUID.randomUUID().toString();
    Set<Set<Long>> written = ConcurrentHashMap.newKeySet();
    List<Future<?>> writes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      for (int i = 0; i < 200; i++) {
        writes.add(
            pool.submit(
                () -> {
                  List<Long> picked = pick(new Random());
                  written.add(Set.copyOf(picked));
                  preferences.replaceForSession(session, picked);
                }));
      }
      for (Future<?> write : writes) {
        write.get(60, TimeUnit.SECONDS);
      }
    }
    assertThat(written).contains(Set.copyOf(preferences.ofSession(session)));
  }

  /** One to five distinct tags, in random order. */
  private static List<Long> pick(Random random) {
    List<Long> shuffled = new ArrayList<>(tags);
    java.util.Collections.shuffle(shuffled, random);
    return List.copyOf(shuffled.subList(0, 1 + random.nextInt(5)));
  }
}
