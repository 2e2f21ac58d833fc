package io.fenz.content.adapter;

import io.fenz.content.domain.Localized;
import io.fenz.content.domain.Tag;
import io.fenz.content.port.TagRepository;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.DuplicateKeys;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.statement.StatementContext;

public final class JdbiTagRepository implements TagRepository {
  private static final String COLUMNS = "id, slug, name_zh, name_en";
  private final Database db;

  @Inject
  public JdbiTagRepository(Database db) {
    this.db = db;
  }

  @Override
  public List<Tag> list() {
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM tags ORDER BY id")
                .map(JdbiTagRepository::map)
                .list());
  }

  @Override
  public Optional<Tag> findById(long id) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM tags WHERE id = :id")
                .bind("id", id)
                .map(JdbiTagRepository::map)
                .findOne());
  }

  @Override
  public List<Tag> findByIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM tags WHERE id IN (<ids>) ORDER BY id")
                .bindList("ids", List.copyOf(ids))
                .map(JdbiTagRepository::map)
                .list());
  }

  @Override
  public Set<Long> existingIds(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        db.withHandle(
            h ->
                h.createQuery("SELECT id FROM tags WHERE id IN (<ids>)")
                    .bindList("ids", List.copyOf(ids))
                    .mapTo(Long.class)
                    .list()));
  }

  @Override
  public Tag create(String slug, Localized name) {
    try {
      long id =
          db.withHandle(
              h ->
                  h.createUpdate(
                          "INSERT INTO tags (slug, name_zh, name_en) VALUES (:slug, :zh, :en)")
                      .bind("slug", slug)
                      .bind("zh", name.zh())
                      .bind("en", name.en())
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one());
      return new Tag(id, slug, name);
    } catch (RuntimeException e) {
      if (DuplicateKeys.isDuplicateKey(e)) {
        throw new SlugTakenException();
      }
      throw e;
    }
  }

  @Override
  public void update(Tag tag) {
    try {
      db.withHandle(
          h ->
              h.createUpdate(
                      "UPDATE tags SET slug = :slug, name_zh = :zh, name_en = :en WHERE id = :id")
                  .bind("slug", tag.slug())
                  .bind("zh", tag.name().zh())
                  .bind("en", tag.name().en())
                  .bind("id", tag.id())
                  .execute());
    } catch (RuntimeException e) {
      if (DuplicateKeys.isDuplicateKey(e)) {
        throw new SlugTakenException();
      }
      throw e;
    }
  }

  @Override
  public boolean delete(long id) {
    return db.withHandle(
            h -> h.createUpdate("DELETE FROM tags WHERE id = :id").bind("id", id).execute())
        == 1;
  }

  private static Tag map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Tag(
        rs.getLong("id"),
        rs.getString("slug"),
        new Localized(rs.getString("name_zh"), rs.getString("name_en")));
  }
}
