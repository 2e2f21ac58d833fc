package io.fenz.content.app;

import io.fenz.content.domain.Tag;
import io.fenz.content.port.TagRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * All tags, held in memory for a short while: they are read on every feed and tag-list request
 * and change only by admin action. Edits in this process show at once; in others within {@link #MAX_AGE}.
 */
@Singleton
public final class TagCatalog {
  static final Duration MAX_AGE = Duration.ofSeconds(30);

  private record Snapshot(List<Tag> tags, Instant loadedAt) {}

  private final TagRepository tags;
  private final Clock clock;
  private volatile Snapshot snapshot;

  @Inject
  public TagCatalog(TagRepository tags, Clock clock) {
    this.tags = tags;
    this.clock = clock;
  }

  public List<Tag> all() {
    Snapshot current = snapshot;
    if (current == null || current.loadedAt().plus(MAX_AGE).isBefore(clock.instant())) {
      current = new Snapshot(List.copyOf(tags.list()), clock.instant());
      snapshot = current;
    }
    return current.tags();
  }

  public List<Tag> only(Collection<Long> ids) {
    return all().stream().filter(tag -> ids.contains(tag.id())).toList();
  }

  public void invalidate() {
    snapshot = null;
  }
}
