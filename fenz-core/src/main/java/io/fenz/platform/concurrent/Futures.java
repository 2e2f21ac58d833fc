package io.fenz.platform.concurrent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for work handed to another thread, with what it threw thrown here unwrapped. */
public final class Futures {
  private Futures() {}

  /**
   * The work's result; its unchecked exception as thrown, anything else it threw wrapped in an
   * {@link IllegalStateException}. An interrupt keeps the thread's flag and ends the wait with an
   * {@link IllegalStateException} saying "interrupted while {@code doing}".
   */
  public static <T> T await(Future<T> work, String doing) {
    try {
      return work.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + doing, e);
    }
  }
}
