package io.fenz.identity.adapter;

import io.fenz.identity.domain.AccountRules;
import io.fenz.identity.domain.Role;
import io.fenz.identity.domain.User;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.DuplicateKeys;
import io.fenz.platform.db.IdNames;
import io.fenz.platform.db.PagedQuery;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

public final class JdbiUserRepository implements UserRepository {
  private static final String COLUMNS =
      "id, email, password_hash, display_name, role, is_hidden, created_at";
  private final Database db;
  private final Clock clock;

  @Inject
  public JdbiUserRepository(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public User insert(NewUser user) {
    LocalDateTime now = Utc.toDb(clock.instant());
    try {
      long id =
          db.withHandle(
              h ->
                  h.createUpdate(
                          """
              INSERT INTO users (email, email_canonical, password_hash, display_name, role, is_hidden, created_at, updated_at)
              VALUES (:email, :canonical, :hash, :name, :role, FALSE, :now, :now)""")
                      .bind("email", user.email())
                      .bind("canonical", AccountRules.canonicalEmail(user.email()))
                      .bind("hash", user.passwordHash())
                      .bind("name", user.displayName())
                      .bind("role", user.role().name())
                      .bind("now", now)
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one());
      return new User(
          id,
          user.email(),
          user.passwordHash(),
          user.displayName(),
          user.role(),
          false,
          Utc.fromDb(now));
    } catch (RuntimeException e) {
      if (DuplicateKeys.isDuplicateKey(e)) {
        throw new EmailTakenException();
      }
      throw e;
    }
  }

  @Override
  public Optional<User> findById(long id) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
                .bind("id", id)
                .map(JdbiUserRepository::map)
                .findOne());
  }

  @Override
  public Map<Long, String> visibleDisplayNames(Collection<Long> ids) {
    return IdNames.read(
        db,
        "SELECT id, display_name AS name FROM users WHERE id IN (<ids>) AND is_hidden = FALSE",
        ids);
  }

  @Override
  public Optional<User> findByEmail(String email) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM users WHERE email_canonical = :email")
                .bind("email", AccountRules.canonicalEmail(email))
                .map(JdbiUserRepository::map)
                .findOne());
  }

  @Override
  public Page<User> list(UserFilter filter, PageRequest page) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> bindings = new HashMap<>();
    if (filter.query() != null) {
      conditions.add("(email LIKE :q ESCAPE '!' OR display_name LIKE :q ESCAPE '!')");
      bindings.put(
          "q", "%" + filter.query().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }
    if (filter.role() != null) {
      conditions.add("role = :role");
      bindings.put("role", filter.role().name());
    }
    if (filter.hidden() != null) {
      conditions.add("is_hidden = :hidden");
      bindings.put("hidden", filter.hidden());
    }
    String where = conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions);
    return new PagedQuery("users", "SELECT " + COLUMNS + " FROM users", where, "id")
        .fetch(db, bindings, page, JdbiUserRepository::map);
  }

  @Override
  public void update(User user) {
    try {
      db.withHandle(
          h ->
              h.createUpdate(
                      """
              UPDATE users SET email = :email, email_canonical = :canonical, display_name = :name, role = :role, is_hidden = :hidden,
              updated_at = :now WHERE id = :id""")
                  .bind("email", user.email())
                  .bind("canonical", AccountRules.canonicalEmail(user.email()))
                  .bind("name", user.displayName())
                  .bind("role", user.role().name())
                  .bind("hidden", user.hidden())
                  .bind("now", Utc.toDb(clock.instant()))
                  .bind("id", user.id())
                  .execute());
    } catch (RuntimeException e) {
      if (DuplicateKeys.isDuplicateKey(e)) {
        throw new EmailTakenException();
      }
      throw e;
    }
  }

  @Override
  public void updatePasswordHash(long userId, String passwordHash) {
    db.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id")
                .bind("hash", passwordHash)
                .bind("now", Utc.toDb(clock.instant()))
                .bind("id", userId)
                .execute());
  }

  @Override
  public boolean delete(long userId) {
    return db.withHandle(
            h -> h.createUpdate("DELETE FROM users WHERE id = :id").bind("id", userId).execute())
        == 1;
  }

  @Override
  public long sessionGeneration(long userId) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT session_generation FROM users WHERE id = :id")
                .bind("id", userId)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
  }

  @Override
  public void bumpSessionGeneration(long userId) {
    db.withHandle(
        h ->
            h.createUpdate(
                    "UPDATE users SET session_generation = session_generation + 1 WHERE id = :id")
                .bind("id", userId)
                .execute());
  }

  @Override
  public List<Long> lockVisibleAdminIds() {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM users WHERE role = 'ADMIN' AND is_hidden = FALSE ORDER BY id FOR UPDATE")
                .mapTo(Long.class)
                .list());
  }

  private static User map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new User(
        rs.getLong("id"),
        rs.getString("email"),
        rs.getString("password_hash"),
        rs.getString("display_name"),
        Role.valueOf(rs.getString("role")),
        rs.getBoolean("is_hidden"),
        Utc.fromDb(rs.getObject("created_at", LocalDateTime.class)));
  }
}
