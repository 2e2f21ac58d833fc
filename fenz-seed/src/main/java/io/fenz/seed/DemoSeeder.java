package io.fenz.seed;

import io.fenz.identity.app.GrantAdmin;
import io.fenz.identity.port.PasswordHasher;
import io.fenz.identity.port.UserRepository;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code fenz seed} and the first start of {@code fenz dev}: the demo admin plus the bundled demo
 * set, written once. A second run changes nothing (the set is recorded in {@code seed_runs});
 * {@code reset} deletes what the seed wrote and writes it again; a database holding accounts the
 * seed did not write is refused unless {@code force}.
 */
public final class DemoSeeder {
  private static final String DEMO_RUN = "demo";

  /** {@code bulkVideos}: extra benchmark videos wanted in total (0: none). */
  public record Options(boolean reset, boolean force, long bulkVideos) {
    public static final Options DEFAULT = new Options(false, false, 0);
  }

  /** Rows the demo set wrote. */
  public record Written(
      int users,
      int videos,
      int subscriptions,
      int memberships,
      int donations,
      int views,
      int notifications) {}

  /** {@code written} is null when the demo set was already there. */
  public record Report(boolean adminCreated, Written written, long bulkAdded, long bulkTotal) {
    public boolean changedAnything() {
      return adminCreated || written != null || bulkAdded > 0;
    }
  }

  /** Videos to write beside the bundled ones (their titles from elsewhere), asked for once. */
  @FunctionalInterface
  public interface ExtraVideos {
    ExtraVideos NONE = data -> List.of();

    /** Never throws: a source that fails answers none. */
    List<DemoDataset.DemoVideo> suggest(DemoDataset data);
  }

  /** Accounts worth trying in the demo (all with {@link DemoDataset#PASSWORD}). */
  public record DemoAccounts(String creatorEmail, String memberCreatorEmail, String viewerEmail) {}

  /** The database holds accounts the seed did not write. */
  public static final class ForeignDataException extends IllegalStateException {
    ForeignDataException(long accounts) {
      super(
          "the database holds "
              + accounts
              + " account(s) the seed did not write; refusing to add demo data (use --force to add it anyway)");
    }
  }

  private final Database database;
  private final DemoMedia media;
  private final UserRepository users;
  private final GrantAdmin grantAdmin;
  private final PasswordHasher passwords;
  private final Clock clock;

  @Inject
  public DemoSeeder(
      Infrastructure infrastructure,
      UserRepository users,
      GrantAdmin grantAdmin,
      PasswordHasher passwords) {
    this.database = infrastructure.database();
    this.media = new DemoMedia(infrastructure.s3());
    this.users = users;
    this.grantAdmin = grantAdmin;
    this.passwords = passwords;
    this.clock = infrastructure.clock();
  }

  public static DemoAccounts demoAccounts() {
    DemoDataset data = DemoDataset.load();
    DemoDataset.Creator member =
        data.creators().stream().filter(c -> c.membershipPrice() > 0).findFirst().orElseThrow();
    DemoDataset.Creator free =
        data.creators().stream().filter(c -> c.membershipPrice() == 0).findFirst().orElseThrow();
    return new DemoAccounts(free.email(), member.email(), data.viewers().getFirst().email());
  }

  public Report seed(String adminEmail, String adminPassword, Options options) {
    return seed(adminEmail, adminPassword, options, ExtraVideos.NONE);
  }

  /**
   * As {@link #seed(String, String, Options)}, adding {@code extra}'s videos when it writes the
   * set.
   */
  public Report seed(String adminEmail, String adminPassword, Options options, ExtraVideos extra) {
    DemoDataset data = DemoDataset.load();
    boolean present = demoPresent();
    if (options.reset() || !present) {
      long foreign = foreignAccounts(adminEmail);
      if (foreign > 0 && !options.force()) {
        throw new ForeignDataException(foreign);
      }
    }
    Written written = null;
    if (options.reset() || !present) {
      deleteDemoRows();
      media.removeCopies();
      written = writeDemo(data.with(extra.suggest(data)));
    }
    boolean adminCreated =
        users.findByEmail(adminEmail.toLowerCase()).isEmpty()
            && grantAdmin
                .execute(new GrantAdmin.Command(adminEmail, adminPassword, "FenzVideo 管理員"))
                .created();
    long bulkAdded =
        options.bulkVideos() > 0
            ? new BulkVideos(database, clock.instant())
                .topUp(options.bulkVideos(), data, media.sources())
            : 0;
    return new Report(adminCreated, written, bulkAdded, BulkVideos.count(database));
  }

  private Written writeDemo(DemoDataset data) {
    List<DemoMedia.Clip> clips = media.sources();
    List<DemoWriter.Keys> keys = new ArrayList<>();
    for (int i = 0; i < data.videos().size(); i++) {
      keys.add(DemoWriter.keysOf(i + 1, clips.get(data.videos().get(i).clip() - 1)));
    }
    copyMedia(data, clips, keys);
    String hash = passwords.hash(DemoDataset.PASSWORD);
    Instant now = clock.instant();
    return database.inTransaction(
        () ->
            database.withHandle(
                h -> {
                  Written written = new DemoWriter(h, now).write(data, keys, hash);
                  h.createUpdate(
                          "INSERT INTO seed_runs (name, detail, completed_at) VALUES (:name, :detail, :at)")
                      .bind("name", DEMO_RUN)
                      .bind("detail", written.toString())
                      .bind("at", Utc.toDb(now))
                      .execute();
                  return written;
                }));
  }

  /** Server-side copies, a few at a time (each is one small request to S3). */
  private void copyMedia(DemoDataset data, List<DemoMedia.Clip> clips, List<DemoWriter.Keys> keys) {
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<?>> copies = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        DemoMedia.Clip clip = clips.get(data.videos().get(i).clip() - 1);
        DemoWriter.Keys k = keys.get(i);
        String thumbnail =
            clip.thumbnailKeys().isEmpty()
                ? null
                : clip.thumbnailKeys().get(i % clip.thumbnailKeys().size());
        copies.add(
            pool.submit(
                () -> {
                  media.copy(clip.key(), k.video());
                  if (thumbnail != null) {
                    media.copy(thumbnail, k.thumbnail());
                  }
                }));
      }
      for (Future<?> copy : copies) {
        copy.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while copying demo media", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    }
  }

  private boolean demoPresent() {
    return database.withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM seed_runs WHERE name = :name")
                    .bind("name", DEMO_RUN)
                    .mapTo(Long.class)
                    .one())
        > 0;
  }

  private long foreignAccounts(String adminEmail) {
    return database.withHandle(
        h ->
            h.createQuery(
                    "SELECT COUNT(*) FROM users WHERE email NOT LIKE :domain AND email <> :admin")
                .bind("domain", "%@" + DemoDataset.EMAIL_DOMAIN)
                .bind("admin", adminEmail.toLowerCase())
                .mapTo(Long.class)
                .one());
  }

  /**
   * Accounts in the demo domain cascade to their channels, videos and activity; tags stay
   * (reference data).
   */
  private void deleteDemoRows() {
    database.inTransaction(
        () ->
            database.withHandle(
                h -> {
                  h.createUpdate("DELETE FROM users WHERE email LIKE :domain")
                      .bind("domain", "%@" + DemoDataset.EMAIL_DOMAIN)
                      .execute();
                  return h.createUpdate("DELETE FROM seed_runs").execute();
                }));
  }
}
