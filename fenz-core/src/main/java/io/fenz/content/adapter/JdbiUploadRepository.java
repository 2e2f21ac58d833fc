package io.fenz.content.adapter;

import io.fenz.content.domain.MediaKind;
import io.fenz.content.domain.Upload;
import io.fenz.content.port.UploadRepository;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

public final class JdbiUploadRepository implements UploadRepository {
  private final Database db;

  @Inject
  public JdbiUploadRepository(Database db) {
    this.db = db;
  }

  @Override
  public void record(Upload upload) {
    db.withHandle(
        h ->
            h.createUpdate(
                    """
            INSERT INTO uploads (object_key, user_id, kind, content_type, size_bytes, created_at)
            VALUES (:key, :user, :kind, :type, :size, :created)""")
                .bind("key", upload.key())
                .bind("user", upload.userId())
                .bind("kind", upload.kind().name())
                .bind("type", upload.kind().contentType())
                .bind("size", upload.sizeBytes())
                .bind("created", Utc.toDb(upload.createdAt()))
                .execute());
  }

  @Override
  public Optional<Upload> find(String key) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT object_key, user_id, kind, size_bytes, created_at FROM uploads WHERE object_key = :key")
                .bind("key", key)
                .map(JdbiUploadRepository::map)
                .findOne());
  }

  @Override
  public boolean claim(String key) {
    return db.withHandle(
            h ->
                h.createUpdate("DELETE FROM uploads WHERE object_key = :key")
                    .bind("key", key)
                    .execute())
        == 1;
  }

  @Override
  public List<Upload> olderThan(Instant before, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT object_key, user_id, kind, size_bytes, created_at FROM uploads WHERE created_at < :before ORDER BY created_at LIMIT :limit")
                .bind("before", Utc.toDb(before))
                .bind("limit", limit)
                .map(JdbiUploadRepository::map)
                .list());
  }

  @Override
  public List<Upload> ofUser(long userId) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT object_key, user_id, kind, size_bytes, created_at FROM uploads WHERE user_id = :user")
                .bind("user", userId)
                .map(JdbiUploadRepository::map)
                .list());
  }

  @Override
  public int pendingCount(long userId) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM uploads WHERE user_id = :user")
                .bind("user", userId)
                .mapTo(Integer.class)
                .one());
  }

  @Override
  public long bytesStoredOn(long userId, LocalDate utcDay) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT bytes FROM upload_bytes_daily WHERE user_id = :user AND utc_day = :day")
                .bind("user", userId)
                .bind("day", utcDay)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
  }

  @Override
  public boolean addBytesStored(long userId, LocalDate utcDay, long bytes, long limit) {
    return db.withHandle(
        h -> {
          // Exclusive from the start (ON DUPLICATE KEY locks the row for writing; INSERT IGNORE
          // would take
          // a shared lock that concurrent uploads in a transaction then deadlock upgrading).
          h.createUpdate(
                  """
                  INSERT INTO upload_bytes_daily (user_id, utc_day, bytes) VALUES (:user, :day, 0)
                  ON DUPLICATE KEY UPDATE bytes = bytes""")
              .bind("user", userId)
              .bind("day", utcDay)
              .execute();
          // The row lock the UPDATE takes orders concurrent uploads; each sees the others' bytes.
          return h.createUpdate(
                      """
                  UPDATE upload_bytes_daily SET bytes = bytes + :bytes
                  WHERE user_id = :user AND utc_day = :day AND bytes + :bytes <= :limit""")
                  .bind("user", userId)
                  .bind("day", utcDay)
                  .bind("bytes", bytes)
                  .bind("limit", limit)
                  .execute()
              == 1;
        });
  }

  private static Upload map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Upload(
        rs.getString("object_key"),
        rs.getLong("user_id"),
        MediaKind.valueOf(rs.getString("kind")),
        rs.getLong("size_bytes"),
        Utc.fromDb(rs.getObject("created_at", LocalDateTime.class)));
  }
}
