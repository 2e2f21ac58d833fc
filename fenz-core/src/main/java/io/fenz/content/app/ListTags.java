package io.fenz.content.app;

import io.fenz.content.domain.Tag;
import io.fenz.content.port.TagRepository;
import jakarta.inject.Inject;
import java.util.List;

public final class ListTags {
  private final TagRepository tags;

  @Inject
  public ListTags(TagRepository tags) {
    this.tags = tags;
  }

  public List<Tag> execute() {
    return tags.list();
  }

  /** Just these tags (e.g. the few a feed card matched), without reading the whole table. */
  public List<Tag> execute(java.util.Collection<Long> ids) {
    return tags.findByIds(ids);
  }
}
