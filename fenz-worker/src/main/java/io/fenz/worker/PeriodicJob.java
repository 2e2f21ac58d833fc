package io.fenz.worker;

import java.time.Duration;

/** One kind of background work, run at a fixed delay. */
public interface PeriodicJob {
  String name();

  Duration interval();

  void run() throws Exception;

  /**
   * Last chance to finish work on graceful shutdown; by default nothing (work left waits for the
   * next start). A job that buffers work, such as the view flush, overrides it.
   */
  default void onShutdown() throws Exception {}
}
