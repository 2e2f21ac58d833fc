package io.fenz.content.adapter;

import io.fenz.content.domain.Category;
import io.fenz.content.domain.Localized;
import io.fenz.content.port.CategoryRepository;
import io.fenz.platform.db.Database;
import jakarta.inject.Inject;
import java.util.List;

public final class JdbiCategoryRepository implements CategoryRepository {
  private final Database db;

  @Inject
  public JdbiCategoryRepository(Database db) {
    this.db = db;
  }

  @Override
  public List<Category> list() {
    return db.withHandle(
        h ->
            h.createQuery("SELECT id, slug, name_zh, name_en FROM categories ORDER BY id")
                .map(
                    (rs, ctx) ->
                        new Category(
                            rs.getLong("id"),
                            rs.getString("slug"),
                            new Localized(rs.getString("name_zh"), rs.getString("name_en"))))
                .list());
  }

  @Override
  public boolean exists(long id) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM categories WHERE id = :id")
                    .bind("id", id)
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }
}
