package io.fenz.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.identity.domain.AccountRules;
import io.fenz.platform.Infrastructure;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import io.minio.GetObjectArgs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@WithFenzServices
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoSeederTest {
  private static final List<String> TABLES =
      List.of(
          "users",
          "channels",
          "videos",
          "video_tags",
          "tags",
          "channel_subscriptions",
          "memberships",
          "donations",
          "view_records",
          "notifications",
          "user_tag_preferences");
  private static Infrastructure infra;
  private static TestEnvironment env;
  private static DemoSeeder seeder;

  @BeforeAll
  static void open(TestEnvironment environment) {
    env = environment;
    infra = Infrastructure.open(TestConfigs.config(environment), Clock.systemUTC());
    seeder = SeedComponent.create(infra).seeder();
  }

  @AfterAll
  static void close() {
    infra.close();
  }

  @Test
  @Order(1)
  void writesTheDemoSetWithNinetyDaysOfActivity() {
    DemoSeeder.Report report =
        seeder.seed("admin@fenz.local", "fenz-admin-dev", DemoSeeder.Options.DEFAULT);
    assertThat(report.adminCreated()).isTrue();
    assertThat(report.written().videos()).isGreaterThanOrEqualTo(300);
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM videos WHERE is_published"))
        .isGreaterThanOrEqualTo(300);
    assertThat(Sql.count(env, "SELECT COUNT(DISTINCT access_tier) FROM videos")).isEqualTo(3);
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM videos WHERE title REGEXP '^[A-Za-z]'"))
        .isGreaterThan(20);
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM tags")).isGreaterThanOrEqualTo(30);
    assertThat(Sql.count(env, "SELECT COUNT(DISTINCT category_id) FROM videos"))
        .isGreaterThanOrEqualTo(10);
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM channels c JOIN users u ON u.id = c.user_id WHERE u.email LIKE '%@demo.fenz.local'"))
        .isGreaterThanOrEqualTo(50);
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM videos v WHERE NOT EXISTS (SELECT 1 FROM video_tags t WHERE t.video_id = v.id)"))
        .isZero();
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM videos WHERE search_tokens = ''")).isZero();
    for (String table :
        List.of(
            "channel_subscriptions", "memberships", "donations", "view_records", "notifications")) {
      assertThat(Sql.count(env, "SELECT COUNT(*) FROM " + table)).as(table).isPositive();
    }
    assertThat(
            Sql.count(
                env, "SELECT TIMESTAMPDIFF(DAY, MIN(viewed_at), MAX(viewed_at)) FROM view_records"))
        .isGreaterThanOrEqualTo(80);
    assertThat(
            Sql.count(
                env,
                "SELECT TIMESTAMPDIFF(DAY, MIN(created_at), MAX(created_at)) FROM channel_subscriptions"))
        .isGreaterThanOrEqualTo(60);
    assertThat(Sql.count(env, "SELECT SUM(views_member + views_non_member) FROM videos"))
        .isEqualTo(Sql.count(env, "SELECT COUNT(*) FROM view_records"));
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM memberships m JOIN channels c ON c.id = m.channel_id WHERE c.membership_price IS NULL"))
        .isZero();
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM notifications n JOIN videos v ON v.id = n.video_id WHERE NOT n.channel_id <=> v.channel_id"))
        .as("a new-video notification names its channel, as the fan-out's do")
        .isZero();
  }

  @Test
  @Order(2)
  void everyDemoAccountIsFoundByTheLoginKey() {
    // Login looks an account up by its canonical email; an account without one can't sign in.
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM users WHERE email_canonical IS NULL")).isZero();
    String email =
        Sql.text(env, "SELECT MIN(email) FROM users WHERE email LIKE '%@demo.fenz.local'");
    assertThat(Sql.text(env, "SELECT email_canonical FROM users WHERE email = '" + email + "'"))
        .isEqualTo(AccountRules.canonicalEmail(email));
  }

  @Test
  @Order(2)
  void aSecondRunChangesNothing() {
    String before = fingerprint();
    DemoSeeder.Report again =
        seeder.seed("admin@fenz.local", "fenz-admin-dev", DemoSeeder.Options.DEFAULT);
    assertThat(again.changedAnything()).isFalse();
    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  @Order(3)
  void eachVideoPlaysItsOwnCopyOfAClipAsLongAsItsCardSays() throws Exception {
    assumeTrue(Sql.onPath("ffprobe"), "needs ffprobe");
    for (String row :
        List.of(
            Sql.text(
                env,
                "SELECT CONCAT(video_key, ' ', duration_s) FROM videos ORDER BY duration_s LIMIT 1"),
            Sql.text(
                env,
                "SELECT CONCAT(video_key, ' ', duration_s) FROM videos ORDER BY duration_s DESC LIMIT 1"))) {
      String[] keyAndSeconds = row.split(" ");
      Path file = Files.createTempFile("seed-clip", ".mp4");
      try (var in =
          infra
              .s3()
              .client()
              .getObject(
                  GetObjectArgs.builder()
                      .bucket(infra.s3().bucket())
                      .object(keyAndSeconds[0])
                      .build())) {
        Files.write(file, in.readAllBytes());
      }
      Process probe =
          new ProcessBuilder(
                  "ffprobe",
                  "-v",
                  "error",
                  "-show_entries",
                  "format=duration",
                  "-of",
                  "csv=p=0",
                  file.toString())
              .start();
      double seconds =
          Double.parseDouble(new String(probe.getInputStream().readAllBytes()).strip());
      Files.delete(file);
      assertThat(Math.round(seconds))
          .as(keyAndSeconds[0])
          .isEqualTo(Long.parseLong(keyAndSeconds[1]));
    }
    assertThat(Sql.count(env, "SELECT COUNT(DISTINCT video_key) FROM videos"))
        .isEqualTo(Sql.count(env, "SELECT COUNT(*) FROM videos"));
    assertThat(Sql.count(env, "SELECT COUNT(DISTINCT duration_s) FROM videos"))
        .isEqualTo(DemoMedia.CLIPS);
  }

  @Test
  @Order(4)
  void bulkModeTopsUpAcrossBatchesOnce() {
    long wanted = BulkVideos.BATCH + 700;
    DemoSeeder.Report first =
        seeder.seed(
            "admin@fenz.local", "fenz-admin-dev", new DemoSeeder.Options(false, false, wanted));
    assertThat(first.bulkAdded()).isEqualTo(wanted);
    assertThat(first.written()).isNull();
    String before = fingerprint();
    DemoSeeder.Report second =
        seeder.seed(
            "admin@fenz.local", "fenz-admin-dev", new DemoSeeder.Options(false, false, wanted));
    assertThat(second.bulkAdded()).isZero();
    assertThat(second.bulkTotal()).isEqualTo(wanted);
    assertThat(fingerprint()).isEqualTo(before);
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM videos v WHERE NOT EXISTS (SELECT 1 FROM video_tags t WHERE t.video_id = v.id)"))
        .isZero();
  }

  /** Row count and a checksum of the ids of every table the seed writes. */
  private static String fingerprint() {
    return TABLES.stream()
        .map(
            table ->
                table
                    + "="
                    + Sql.text(
                        env,
                        "SELECT CONCAT(COUNT(*), '/', CRC32(GROUP_CONCAT("
                            + (table.equals("video_tags")
                                ? "video_id, ':', tag_id"
                                : table.equals("channel_subscriptions")
                                    ? "user_id, ':', channel_id"
                                    : "id")
                            + " ORDER BY 1))) FROM "
                            + table))
        .collect(Collectors.joining(", "));
  }
}
