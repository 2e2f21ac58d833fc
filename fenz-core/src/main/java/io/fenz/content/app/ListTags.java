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
}
