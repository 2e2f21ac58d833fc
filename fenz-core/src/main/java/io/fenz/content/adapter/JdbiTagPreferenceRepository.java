package io.fenz.content.adapter;

import io.fenz.content.port.TagPreferenceRepository;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

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
    return db.withHandle(h -> h.createQuery("SELECT tag_id FROM user_tag_preferences WHERE user_id = :id ORDER BY id")
        .bind("id", userId).mapTo(Long.class).list());
  }

  @Override
  public List<Long> ofSession(String sessionId) {
    return db.withHandle(h -> h.createQuery("SELECT tag_id FROM user_tag_preferences WHERE session_id = :id ORDER BY id")
        .bind("id", sessionId).mapTo(Long.class).list());
  }

  @Override
  public void replaceForUser(long userId, List<Long> tagIds) {
    replace("user_id", userId, tagIds);
  }

  @Override
  public void replaceForSession(String sessionId, List<Long> tagIds) {
    replace("session_id", sessionId, tagIds);
  }

  /** Delete-then-insert inside the caller's transaction, so readers never see a half-replaced set. */
  private void replace(String ownerColumn, Object owner, List<Long> tagIds) {
    db.inTransaction(() -> db.withHandle(h -> {
      h.createUpdate("DELETE FROM user_tag_preferences WHERE " + ownerColumn + " = :owner").bind("owner", owner).execute();
      var batch = h.prepareBatch("INSERT INTO user_tag_preferences (" + ownerColumn + ", tag_id, created_at) VALUES (:owner, :tag, :now)");
      for (Long tagId : tagIds) {
        batch.bind("owner", owner).bind("tag", tagId).bind("now", Utc.toDb(clock.instant())).add();
      }
      if (!tagIds.isEmpty()) {
        batch.execute();
      }
      return null;
    }));
  }

  @Override
  public boolean adoptSessionTags(String sessionId, long userId) {
    return db.inTransaction(() -> db.withHandle(h -> {
      // Lock the user's row so two concurrent logins can't both adopt.
      h.createQuery("SELECT id FROM users WHERE id = :user FOR UPDATE").bind("user", userId).mapTo(Long.class).findOne();
      if (!ofUser(userId).isEmpty()) {
        return false;
      }
      int moved = h.createUpdate("UPDATE user_tag_preferences SET user_id = :user, session_id = NULL WHERE session_id = :session")
          .bind("user", userId).bind("session", sessionId).execute();
      return moved > 0;
    }));
  }
}
