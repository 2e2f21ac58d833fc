package io.fenz.content.app;

import io.fenz.content.domain.Tag;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;

public final class ListTags {
  private final TagCatalog catalog;

  @Inject
  public ListTags(TagCatalog catalog) {
    this.catalog = catalog;
  }

  public List<Tag> execute() {
    return UseCaseSpan.call("ListTags", () -> perform());
  }

  private List<Tag> perform() {
    return catalog.all();
  }

  /** Just these tags (e.g. the few a feed card matched). */
  public List<Tag> execute(Collection<Long> ids) {
    return UseCaseSpan.call("ListTags", () -> perform(ids));
  }

  private List<Tag> perform(Collection<Long> ids) {
    return catalog.only(ids);
  }
}
