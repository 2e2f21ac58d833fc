package io.fenz.worker;

import java.time.Duration;

/** One kind of background work, run at a fixed delay. */
public interface PeriodicJob {
  String name();

  Duration interval();

  void run() throws Exception;

  /** Last chance to finish work on graceful shutdown (e.g. flush buffers). */
  default void onShutdown() throws Exception {
    run();
  }
}
