package io.fenz.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.content.adapter.RedisViewBuffer;
import io.fenz.content.domain.View;
import io.fenz.content.domain.ViewBatch;
import io.fenz.content.domain.Viewer;
import io.fenz.content.port.ViewBuffer.Outcome;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.redis.RedisStore;
import io.fenz.testing.TestConfigs;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The view buffer on real Redis under concurrent views, which it sends in shared script calls. */
@WithFenzServices
class ViewBufferTest {
  private static final Duration WINDOW = Duration.ofMinutes(30);
  private static RedisStore redis;
  private static RedisViewBuffer buffer;

  @BeforeAll
  static void open(TestEnvironment env) {
    redis = new RedisStore(TestConfigs.config(env, Map.of()).redis());
    buffer = new RedisViewBuffer(redis);
  }

  @AfterAll
  static void close() {
    redis.close();
  }

  @Test
  void concurrentViewsCountOncePerViewerWithTheMemberSplitAndOneRecordPerUserView()
      throws Exception {
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    List<View> views = new ArrayList<>();
    for (int guest = 0; guest < 150; guest++) {
      String key = new Viewer(null, UUID.randomUUID().toString()).key();
      views.add(new View(100 + guest % 3, null, key, false, at));
      views.add(
          new View(
              100 + guest % 3, null, key, false, at)); // the same guest again, at the same moment
    }
    for (long user = 1; user <= 40; user++) {
      views.add(new View(100, user, Viewer.user(user).key(), user % 2 == 0, at));
      views.add(new View(100, user, Viewer.user(user).key(), user % 2 == 0, at));
    }
    List<Outcome> outcomes = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Outcome>> answers =
          views.stream().map(view -> threads.submit(() -> buffer.add(view, WINDOW))).toList();
      for (Future<Outcome> answer : answers) {
        outcomes.add(answer.get());
      }
    }

    Map<String, Long> byViewer = new java.util.HashMap<>();
    for (int i = 0; i < views.size(); i++) {
      if (outcomes.get(i) == Outcome.COUNTED) {
        byViewer.merge(views.get(i).videoId() + "/" + views.get(i).viewer(), 1L, Long::sum);
      }
    }
    assertThat(outcomes).doesNotContain(Outcome.UNAVAILABLE);
    assertThat(byViewer)
        .hasSize(190)
        .allSatisfy((viewer, counted) -> assertThat(counted).as(viewer).isEqualTo(1));
    assertThat(redis.client().zscore(redis.key("popular:global"), "100")).isEqualTo(50.0 + 40);
    assertThat(redis.client().ttl(redis.key("popular:global"))).isPositive();

    ViewBatch batch = buffer.read(buffer.seal().orElseThrow());
    assertThat(
            batch.tallies().stream()
                .collect(
                    Collectors.toMap(
                        ViewBatch.Tally::videoId, t -> t.member() + "/" + t.nonMember())))
        .isEqualTo(Map.of(100L, "20/70", 101L, "0/50", 102L, "0/50"));
    assertThat(batch.records())
        .hasSize(40)
        .allSatisfy(
            record -> {
              assertThat(record.member()).isEqualTo(record.userId() % 2 == 0);
              assertThat(record.viewedAt()).isEqualTo(at);
            });
    buffer.discard(batch.id());
  }

  @Test
  void withRedisUnreachableEveryConcurrentViewIsAnsweredUnavailable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (RedisStore gone =
        new RedisStore(new FenzConfig.Redis(URI.create("redis://127.0.0.1:" + port), "gone:", 4))) {
      RedisViewBuffer unreachable = new RedisViewBuffer(gone);
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Outcome>> answers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          View view =
              new View(
                  1,
                  null,
                  new Viewer(null, UUID.randomUUID().toString()).key(),
                  false,
                  Instant.now());
          answers.add(threads.submit(() -> unreachable.add(view, WINDOW)));
        }
        for (Future<Outcome> answer : answers) {
          assertThat(answer.get()).isEqualTo(Outcome.UNAVAILABLE);
        }
      }
    }
  }
}
