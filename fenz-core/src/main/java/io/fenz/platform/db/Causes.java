package io.fenz.platform.db;

import java.util.function.Predicate;

/** Walks a failure's cause chain: drivers and JDBI wrap the SQL error that tells what happened. */
final class Causes {
  private Causes() {}

  /** Whether {@code error} or any of its causes is one {@code kind} recognises. */
  static boolean any(Throwable error, Predicate<Throwable> kind) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (kind.test(t)) {
        return true;
      }
    }
    return false;
  }
}
