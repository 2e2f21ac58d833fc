package io.fenz.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /readyz's view of a node that serves while it warms. */
class WarmUpTest {
  private final WarmUp warmUp = new WarmUp();
  private final Readiness readiness =
      new Readiness(List.of(warmUp), Duration.ofSeconds(2), Map.of());

  @Test
  void notReadyWhileAnyPartWarmsThenReady() {
    assertThat(readiness.check().ready()).as("nothing started warming").isTrue();
    warmUp.started("feed-cache");
    warmUp.started("search-index");
    assertThat(readiness.check())
        .satisfies(
            report -> {
              assertThat(report.ready()).isFalse();
              assertThat(report.checks()).containsEntry("warm-up", "warming");
            });
    warmUp.finished("feed-cache");
    assertThat(readiness.check().ready()).as("the search index still warms").isFalse();
    warmUp.finished("search-index");
    assertThat(readiness.check())
        .satisfies(
            report -> {
              assertThat(report.ready()).isTrue();
              assertThat(report.checks()).containsEntry("warm-up", "ok");
            });
  }
}
