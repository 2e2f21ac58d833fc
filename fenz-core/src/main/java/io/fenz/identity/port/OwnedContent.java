package io.fenz.identity.port;

/** What an account owns outside identity (channel videos, media objects, cache entries). */
public interface OwnedContent {
  /** The account became hidden or visible again: its videos leave or rejoin the feeds. */
  void visibilityChanged(long userId);

  /**
   * Collect-then-delete: gathers everything to clean up while the rows still exist; the
   * returned purge runs after they are deleted (cache eviction, object deletion, queued on failure).
   */
  Purge collect(long userId);

  interface Purge {
    void run();
  }
}
