package io.fenz.content.app;

import io.fenz.content.domain.Category;
import io.fenz.content.port.CategoryRepository;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.util.List;

public final class ListCategories {
  private final CategoryRepository categories;

  @Inject
  public ListCategories(CategoryRepository categories) {
    this.categories = categories;
  }

  public List<Category> execute() {
    return UseCaseSpan.call("ListCategories", () -> perform());
  }

  private List<Category> perform() {
    return categories.list();
  }
}
