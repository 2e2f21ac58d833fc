package io.fenz.content.app;

import io.fenz.content.domain.Tag;
import io.fenz.content.port.TagRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * All tags, held in memory for a short while: they are read on every feed and tag-list request and
 * change only by admin action. Edits in this process show at once; in others within {@link
 * #MAX_AGE}.
 */
@Singleton
public final class TagCatalog {
  static final Duration MAX_AGE = Duration.ofSeconds(30);

  /** The tags in catalog order, each id's position in it, and when they were read. */
  private record Snapshot(List<Tag> tags, Map<Long, Integer> positions, Instant loadedAt) {
    static Snapshot of(List<Tag> tags, Instant loadedAt) {
      Map<Long, Integer> positions = new HashMap<>();
      for (int i = 0; i < tags.size(); i++) {
        positions.put(tags.get(i).id(), i);
      }
      return new Snapshot(List.copyOf(tags), Map.copyOf(positions), loadedAt);
    }
  }

  private final TagRepository tags;
  private final Clock clock;
  private volatile Snapshot snapshot;

  @Inject
  public TagCatalog(TagRepository tags, Clock clock) {
    this.tags = tags;
    this.clock = clock;
  }

  public List<Tag> all() {
    return current().tags();
  }

  /**
   * These tags, in catalog order, by lookup (the feed asks on every request; the catalog has
   * hundreds).
   */
  public List<Tag> only(Collection<Long> ids) {
    Snapshot current = current();
    return ids.stream()
        .map(current.positions()::get)
        .filter(Objects::nonNull)
        .distinct()
        .sorted()
        .map(current.tags()::get)
        .toList();
  }

  private Snapshot current() {
    Snapshot current = snapshot;
    if (current == null || current.loadedAt().plus(MAX_AGE).isBefore(clock.instant())) {
      current = Snapshot.of(tags.list(), clock.instant());
      snapshot = current;
    }
    return current;
  }

  public void invalidate() {
    snapshot = null;
  }
}
