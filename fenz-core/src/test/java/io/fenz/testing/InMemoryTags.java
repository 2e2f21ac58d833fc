package io.fenz.testing;

import io.fenz.content.domain.Localized;
import io.fenz.content.domain.Tag;
import io.fenz.content.port.TagPreferenceRepository;
import io.fenz.content.port.TagRepository;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Tags and viewers' picks in maps, for unit tests of the use cases that read and write them. */
public final class InMemoryTags implements TagRepository, TagPreferenceRepository {
  private final Map<Long, Tag> tags = new TreeMap<>();
  public final Map<Long, List<Long>> userPicks = new HashMap<>();
  public final Map<String, List<Long>> sessionPicks = new HashMap<>();
  private long nextId = 1;

  @Override
  public List<Tag> list() {
    return List.copyOf(tags.values());
  }

  @Override
  public Optional<Tag> findById(long id) {
    return Optional.ofNullable(tags.get(id));
  }

  @Override
  public List<Tag> findByIds(Collection<Long> ids) {
    return ids.stream().map(tags::get).filter(t -> t != null).toList();
  }

  @Override
  public Set<Long> existingIds(Collection<Long> ids) {
    return ids.stream().filter(tags::containsKey).collect(Collectors.toSet());
  }

  @Override
  public Tag create(String slug, Localized name) {
    if (tags.values().stream().anyMatch(t -> t.slug().equals(slug))) {
      throw new SlugTakenException();
    }
    Tag tag = new Tag(nextId++, slug, name);
    tags.put(tag.id(), tag);
    return tag;
  }

  @Override
  public void update(Tag tag) {
    tags.put(tag.id(), tag);
  }

  @Override
  public boolean delete(long id) {
    return tags.remove(id) != null;
  }

  @Override
  public List<Long> ofUser(long userId) {
    return userPicks.getOrDefault(userId, List.of());
  }

  @Override
  public List<Long> ofSession(String sessionId) {
    return sessionPicks.getOrDefault(sessionId, List.of());
  }

  @Override
  public void replaceForUser(long userId, List<Long> tagIds) {
    userPicks.put(userId, List.copyOf(tagIds));
  }

  @Override
  public void replaceForSession(String sessionId, List<Long> tagIds) {
    sessionPicks.put(sessionId, List.copyOf(tagIds));
  }

  @Override
  public boolean adoptSessionTags(String sessionId, long userId) {
    List<Long> picks = sessionPicks.remove(sessionId);
    if (picks == null || userPicks.containsKey(userId)) {
      return false;
    }
    userPicks.put(userId, picks);
    return true;
  }
}
