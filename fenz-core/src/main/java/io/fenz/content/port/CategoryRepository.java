package io.fenz.content.port;

import io.fenz.content.domain.Category;
import java.util.List;

public interface CategoryRepository {
  List<Category> list();

  boolean exists(long id);
}
