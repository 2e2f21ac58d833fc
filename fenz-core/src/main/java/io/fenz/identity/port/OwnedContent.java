package io.fenz.identity.port;

/** What an account owns outside identity (channel videos, media objects, cache entries). */
public interface OwnedContent {
  /**
   * Called inside the transaction that deletes the account (or its channel), before the rows go:
   * records what is to be cleaned up once it commits (cache entries, media objects).
   */
  void removing(long userId);
}
