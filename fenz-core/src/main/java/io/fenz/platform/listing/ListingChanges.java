package io.fenz.platform.listing;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The log of changes the app makes to what may be listed (Redis): the process making a change
 * appends to it before its request returns, so every other process's in-process copies (discovery's
 * search index, content's video directory) can tell, with one read, whether they have applied every
 * such change. Changes made behind the app's back (raw SQL) are not in it; the copies' catch-up
 * from {@code changed_at} finds those. Any method may throw when the log is unreachable.
 */
public interface ListingChanges {
  /** The position before any entry: an empty log's {@link #latest}. */
  String START = "0-0";

  /** These videos were published, unpublished, edited or deleted. */
  void videosChanged(Collection<Long> videoIds);

  /** An owner was hidden, restored or deleted. */
  void ownerChanged(long userId);

  /** The last entry's position, {@link #START} when the log is empty. */
  String latest();

  /**
   * What changed after {@code position}; empty when the log no longer holds that position (entries
   * were trimmed or the log was lost), so the caller can't know what it missed.
   */
  Optional<Since> since(String position);

  /** The videos named after the position, whether any owner changed, and the last position read. */
  record Since(Set<Long> videoIds, boolean owners, String latest) {}
}
