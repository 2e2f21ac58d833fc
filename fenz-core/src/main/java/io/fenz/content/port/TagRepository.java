package io.fenz.content.port;

import io.fenz.content.domain.Localized;
import io.fenz.content.domain.Tag;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public interface TagRepository {
  List<Tag> list();

  Optional<Tag> findById(long id);

  List<Tag> findByIds(Collection<Long> ids);

  Set<Long> existingIds(Collection<Long> ids);

  /** Throws {@link SlugTakenException} when the slug exists. */
  Tag create(String slug, Localized name);

  /** Throws {@link SlugTakenException} when the slug belongs to another tag. */
  void update(Tag tag);

  boolean delete(long id);

  final class SlugTakenException extends RuntimeException {
    public SlugTakenException() {
      super("slug taken", null, false, false);
    }
  }
}
