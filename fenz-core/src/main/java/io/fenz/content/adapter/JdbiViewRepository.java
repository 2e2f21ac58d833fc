package io.fenz.content.adapter;

import io.fenz.content.domain.View;
import io.fenz.content.domain.ViewBatch;
import io.fenz.content.port.ViewRepository;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.DuplicateKeys;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;

public final class JdbiViewRepository implements ViewRepository {
  private final Database db;

  @Inject
  public JdbiViewRepository(Database db) {
    this.db = db;
  }

  @Override
  public boolean apply(ViewBatch batch, Instant appliedAt) {
    return db.inTransaction(
        () ->
            db.withHandle(
                h -> {
                  // First statement: a concurrent flush of the same batch waits on this key, then
                  // sees it taken.
                  try {
                    h.createUpdate(
                            "INSERT INTO view_flush_batches (batch_id, applied_at) VALUES (:id, :at)")
                        .bind("id", batch.id())
                        .bind("at", Utc.toDb(appliedAt))
                        .execute();
                  } catch (RuntimeException e) {
                    if (DuplicateKeys.isDuplicateKey(e)) {
                      return false;
                    }
                    throw e;
                  }
                  addTallies(h, batch.tallies(), appliedAt);
                  addRecords(h, batch.records());
                  return true;
                }));
  }

  @Override
  public void add(View view) {
    db.inTransaction(
        () ->
            db.withHandle(
                h -> {
                  addTallies(
                      h,
                      List.of(
                          new ViewBatch.Tally(
                              view.videoId(), view.member() ? 1 : 0, view.member() ? 0 : 1)),
                      view.viewedAt());
                  addRecords(h, view.isRecorded() ? List.of(view) : List.of());
                  return null;
                }));
  }

  /**
   * Adds to the videos' totals and to their row of the day (the creator dashboard's per-day
   * series). A deleted video matches no row, so its counts simply vanish.
   */
  private static void addTallies(Handle h, List<ViewBatch.Tally> tallies, Instant at) {
    if (tallies.isEmpty()) {
      return;
    }
    var batch =
        h.prepareBatch(
            "UPDATE videos SET views_member = views_member + :m, views_non_member = views_non_member + :n WHERE id = :id");
    tallies.forEach(
        t -> batch.bind("m", t.member()).bind("n", t.nonMember()).bind("id", t.videoId()).add());
    batch.execute();
    var daily =
        h.prepareBatch(
            """
        INSERT INTO video_daily_views (video_id, day, views_member, views_non_member) SELECT v.id, :day, :m, :n FROM videos v WHERE v.id = :id
        ON DUPLICATE KEY UPDATE video_daily_views.views_member = video_daily_views.views_member + :m,
          video_daily_views.views_non_member = video_daily_views.views_non_member + :n""");
    LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
    tallies.forEach(
        t ->
            daily
                .bind("day", day)
                .bind("m", t.member())
                .bind("n", t.nonMember())
                .bind("id", t.videoId())
                .add());
    daily.execute();
  }

  /**
   * INSERT ... SELECT skips views whose video or user was deleted meanwhile instead of failing the
   * batch on a foreign key.
   */
  private static void addRecords(Handle h, List<View> records) {
    if (records.isEmpty()) {
      return;
    }
    var batch =
        h.prepareBatch(
            """
        INSERT INTO view_records (viewer, user_id, video_id, is_member, viewed_at)
        SELECT :viewer, u.id, v.id, :member, :at FROM videos v JOIN users u ON u.id = :user WHERE v.id = :video""");
    records.forEach(
        r ->
            batch
                .bind("viewer", r.viewer())
                .bind("user", r.userId())
                .bind("video", r.videoId())
                .bind("member", r.member())
                .bind("at", Utc.toDb(r.viewedAt()))
                .add());
    batch.execute();
  }
}
