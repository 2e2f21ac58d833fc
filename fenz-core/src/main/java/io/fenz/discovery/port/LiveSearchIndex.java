package io.fenz.discovery.port;

import java.util.Collection;

/**
 * A search index that lives in the serving process and follows MySQL (the source of truth): built
 * at start, then caught up from what changed since the last catch-up. Until it is built (and in
 * processes that never start it, like the worker) {@link VideoSearch} answers from MySQL, and the
 * hooks do nothing.
 */
public interface LiveSearchIndex {
  /** Builds the index from MySQL (blocking) and keeps it current in the background. */
  void start();

  /** Re-reads these videos now, so the process that changed them searches the change at once. */
  void reindex(Collection<Long> videoIds);

  /**
   * Applies every change since the last catch-up (rows, owner visibility), made by any process or
   * tool.
   */
  void catchUp();

  /** Stops catching up and releases the index. */
  void stop();
}
