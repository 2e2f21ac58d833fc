package io.fenz.content.app;

import io.fenz.content.domain.ViewBatch;
import io.fenz.content.port.ViewBuffer;
import io.fenz.content.port.ViewRepository;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves buffered views into the database exactly once: seal the buffer into a batch, apply the
 * batch in one transaction that records its id, then discard it. A process dying after sealing
 * leaves the batch to be replayed; dying after the commit, a replay finds the id and only discards.
 */
public final class FlushViews {
  public record Result(int batches, long views) {}

  private final ViewBuffer buffer;
  private final ViewRepository views;
  private final Clock clock;

  @Inject
  public FlushViews(ViewBuffer buffer, ViewRepository views, Clock clock) {
    this.buffer = buffer;
    this.views = views;
    this.clock = clock;
  }

  /**
   * With {@code replayLeftovers} (at start, after a failure), first the batches an earlier flush
   * left behind.
   */
  public Result execute(boolean replayLeftovers) {
    return UseCaseSpan.call("FlushViews", () -> perform(replayLeftovers));
  }

  private Result perform(boolean replayLeftovers) {
    List<String> batchIds = new ArrayList<>(replayLeftovers ? buffer.sealedBatches() : List.of());
    buffer.seal().ifPresent(batchIds::add);
    int applied = 0;
    long counted = 0;
    for (String batchId : batchIds) {
      ViewBatch batch = buffer.read(batchId);
      if (views.apply(batch, clock.instant())) {
        applied++;
        counted += batch.views();
      }
      buffer.discard(batchId);
    }
    return new Result(applied, counted);
  }
}
