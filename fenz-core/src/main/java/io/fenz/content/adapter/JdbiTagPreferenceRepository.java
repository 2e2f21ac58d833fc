package io.fenz.content.adapter;

import io.fenz.content.port.TagPreferenceRepository;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Set;

public final class JdbiTagPreferenceRepository implements TagPreferenceRepository {
  private final Database db;
  private final Clock clock;

  @Inject
  public JdbiTagPreferenceRepository(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public List<Long> ofUser(long userId) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT tag_id FROM user_tag_preferences WHERE user_id = :id ORDER BY id")
                .bind("id", userId)
                .mapTo(Long.class)
                .list());
  }

  @Override
  public List<Long> ofSession(String sessionId) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT tag_id FROM user_tag_preferences WHERE session_id = :id ORDER BY id")
                .bind("id", sessionId)
                .mapTo(Long.class)
                .list());
  }

  @Override
  public void replaceForUser(long userId, List<Long> tagIds) {
    replace("user_id", userId, tagIds);
  }

  @Override
  public void replaceForSession(String sessionId, List<Long> tagIds) {
    replace("session_id", sessionId, tagIds);
  }

  /**
   * Diff + upsert, one lock order: the owner's named lock, then (for a user) the user's row as
   * {@link #adoptSessionTags} takes it, then the owner's rows in tag order. Delete-then-insert
   * deadlocked between different guests: a DELETE that matched nothing left a gap lock that a
   * neighbour's INSERT waited on while the neighbour's gap lock blocked ours. At READ COMMITTED
   * searches take no gap locks and every statement here names whole keys of one owner, so writers
   * of different owners never meet; the named lock queues writers of the same owner, so the set
   * read is the one being replaced.
   */
  private void replace(String ownerColumn, Object owner, List<Long> tagIds) {
    List<Long> wanted = tagIds.stream().sorted().toList();
    db.inReadCommittedTransaction(
        "fenz.prefs." + ownerColumn + ":" + owner,
        () ->
            db.withHandle(
                h -> {
                  if (ownerColumn.equals("user_id")) {
                    h.createQuery("SELECT id FROM users WHERE id = :owner FOR UPDATE")
                        .bind("owner", owner)
                        .mapTo(Long.class)
                        .findOne();
                  }
                  Set<Long> held =
                      Set.copyOf(
                          h.createQuery(
                                  "SELECT tag_id FROM user_tag_preferences WHERE "
                                      + ownerColumn
                                      + " = :owner ORDER BY tag_id FOR UPDATE")
                              .bind("owner", owner)
                              .mapTo(Long.class)
                              .list());
                  var insert =
                      h.prepareBatch(
                          "INSERT INTO user_tag_preferences ("
                              + ownerColumn
                              + ", tag_id, created_at) VALUES (:owner, :tag, :now)"
                              + " ON DUPLICATE KEY UPDATE tag_id = tag_id");
                  for (Long tagId : wanted) {
                    if (!held.contains(tagId)) {
                      insert
                          .bind("owner", owner)
                          .bind("tag", tagId)
                          .bind("now", Utc.toDb(clock.instant()))
                          .add();
                    }
                  }
                  if (insert.size() > 0) {
                    insert.execute();
                  }
                  // By whole keys: a range (NOT IN) would also lock the next owner's first row at
                  // its end.
                  List<Long> dropped =
                      held.stream().filter(tagId -> !wanted.contains(tagId)).sorted().toList();
                  if (!dropped.isEmpty()) {
                    h.createUpdate(
                            "DELETE FROM user_tag_preferences WHERE "
                                + ownerColumn
                                + " = :owner AND tag_id IN (<dropped>)")
                        .bind("owner", owner)
                        .bindList("dropped", dropped)
                        .execute();
                  }
                  return null;
                }));
  }

  @Override
  public boolean adoptSessionTags(String sessionId, long userId) {
    return db.inTransaction(
        () ->
            db.withHandle(
                h -> {
                  // Lock the user's row so two concurrent logins can't both adopt.
                  h.createQuery("SELECT id FROM users WHERE id = :user FOR UPDATE")
                      .bind("user", userId)
                      .mapTo(Long.class)
                      .findOne();
                  if (!ofUser(userId).isEmpty()) {
                    return false;
                  }
                  int moved =
                      h.createUpdate(
                              "UPDATE user_tag_preferences SET user_id = :user, session_id = NULL WHERE session_id = :session")
                          .bind("user", userId)
                          .bind("session", sessionId)
                          .execute();
                  return moved > 0;
                }));
  }
}
