package io.fenz.content.port;

import io.fenz.content.domain.View;
import io.fenz.content.domain.ViewBatch;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Fast view counting outside the database. Views accumulate in the buffer; a flush seals the buffer
 * into a batch, applies it, then discards it. A sealed batch survives a crash, so it can be
 * replayed; the database remembers applied batch ids, so a replay never counts twice.
 */
public interface ViewBuffer {
  /**
   * CAPPED: a new viewer, but its address already had {@link AddressCap#limit()} views of the video
   * counted in the window.
   */
  enum Outcome {
    COUNTED,
    REPEAT,
    CAPPED,
    UNAVAILABLE
  }

  /**
   * At most {@code limit} views of one video counted per client {@code address} per window; {@code
   * limit} 0: no cap.
   */
  record AddressCap(String address, int limit) {
    public static final AddressCap NONE = new AddressCap("", 0);
  }

  /** Counts the view unless the same viewer was counted for the video within {@code window}. */
  default Outcome add(View view, Duration window) {
    return add(view, window, AddressCap.NONE);
  }

  /** As above, and unless {@code cap} is reached. */
  Outcome add(View view, Duration window, AddressCap cap);

  /**
   * Moves everything buffered into a new batch and returns its id; empty when nothing is buffered.
   */
  Optional<String> seal();

  /**
   * Batches sealed but not discarded: a flush stopped midway, or is running elsewhere right now.
   */
  List<String> sealedBatches();

  ViewBatch read(String batchId);

  void discard(String batchId);
}
