package io.fenz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.content.adapter.RedisViewBuffer;
import io.fenz.content.domain.View;
import io.fenz.content.domain.Viewer;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.cleanup.CleanupTask;
import io.fenz.platform.cleanup.RedisCleanupQueue;
import io.fenz.platform.db.Database;
import io.fenz.platform.events.DeadLetters;
import io.fenz.platform.events.JdbiDeadLetters;
import io.fenz.platform.redis.RedisStore;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every operator command, run in-process against the real MariaDB/Redis/S3 of this class. */
@WithFenzServices
class OperatorCliTest {
  private static TestEnvironment services;
  private static Map<String, String> env;

  record Run(int code, String out, String err) {}

  @BeforeAll
  static void setUp(TestEnvironment environment) {
    services = environment;
    env = new HashMap<>(TestConfigs.environment(environment));
    env.put("FENZ_ADMIN_PASSWORD", "operator-password-1");
    assertThat(run("admin", "migrate").code()).isZero();
  }

  static Run run(String... args) {
    return run(env, args);
  }

  static Run run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        FenzCommand.execute(
            args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void everyCommandAnswersHelpWithExitZero() {
    List<List<String>> paths = new ArrayList<>();
    collect(
        new CommandLine(new FenzCommand(), new Cli(env, null, null).factory()),
        new ArrayList<>(),
        paths);
    assertThat(paths).hasSizeGreaterThan(15);
    for (List<String> path : paths) {
      Run help = run(Stream.concat(path.stream(), Stream.of("--help")).toArray(String[]::new));
      assertThat(help.code()).as(String.join(" ", path)).isZero();
      assertThat(help.out()).as(String.join(" ", path)).contains("Usage:");
    }
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
    paths.add(path);
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> longer = new ArrayList<>(path);
              longer.add(name);
              collect(sub, longer, paths);
            });
  }

  @Test
  void wrongFlagsAndUnknownIdsGetOneLineAndADocumentedExitCode() {
    assertOneLine(run("admin", "users", "hide", "abc"), FenzCommand.USAGE, "'abc' is not a long");
    assertOneLine(run("admin", "users", "hide", "987654"), FenzCommand.NOT_FOUND, "user_not_found");
    assertOneLine(
        run("admin", "users", "restore", "987654"), FenzCommand.NOT_FOUND, "user_not_found");
    assertOneLine(
        run("admin", "users", "delete", "987654", "--yes"),
        FenzCommand.NOT_FOUND,
        "user_not_found");
    assertOneLine(run("admin", "users", "delete", "987654"), FenzCommand.USAGE, "--yes");
    assertOneLine(
        run("admin", "reindex-search", "--batch-size", "0"), FenzCommand.USAGE, "batch size");
    assertOneLine(run("admin", "users", "list", "--role", "KING"), FenzCommand.USAGE, "KING");
    assertOneLine(run("admin", "flush-views", "--bogus"), FenzCommand.USAGE, "--bogus");
    assertOneLine(run("seed", "--videos", "-5"), FenzCommand.USAGE, "--videos");
    assertOneLine(run("admin", "nosuch"), FenzCommand.USAGE, "nosuch");
    Map<String, String> noRedis = new HashMap<>(env);
    noRedis.put("FENZ_REDIS_URL", "redis://127.0.0.1:1");
    assertOneLine(run(noRedis, "admin", "rebuild-cache"), FenzCommand.FAILED, "redis");
  }

  private static void assertOneLine(Run run, int code, String mentions) {
    assertThat(run.code()).as(run.err()).isEqualTo(code);
    assertThat(run.err().strip())
        .contains(mentions)
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void configCheckValidatesWithoutConnectingAndNamesTheBadVariable() {
    Map<String, String> offline = new HashMap<>(env);
    offline.put("FENZ_DB_URL", "jdbc:mariadb://127.0.0.1:1/nowhere");
    Run ok = run(offline, "config", "check", "--json");
    assertThat(ok.code()).isZero();
    assertThat(ok.out())
        .contains("\"ok\":true")
        .doesNotContain(env.get("FENZ_JWT_SECRET"))
        .doesNotContain(env.get("FENZ_S3_SECRET_KEY"));
    offline.put("FENZ_JWT_SECRET", "short");
    assertOneLine(run(offline, "config", "check"), FenzCommand.USAGE, "FENZ_JWT_SECRET");
  }

  @Test
  void accountsAreCreatedListedHiddenRestoredAndDeleted() {
    Run created =
        run("admin", "create-admin", "--email", "ops@example.com", "--name", "值班", "--json");
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out()).contains("\"created\":true").contains("\"role\":\"ADMIN\"");
    assertThat(run("admin", "create-admin", "--email", "ops@example.com").out())
        .startsWith("promoted to admin: ops@example.com");
    long admin = Sql.count(services, "SELECT id FROM users WHERE email = 'ops@example.com'");
    long user =
        Sql.insert(
            services,
            "INSERT INTO users (email, password_hash, display_name, created_at, updated_at)"
                + " VALUES ('viewer@example.com', 'x', '觀眾', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
    Sql.execute(
        services,
        "INSERT INTO channels (user_id, name, created_at) VALUES ("
            + user
            + ", '觀眾', UTC_TIMESTAMP(3))");

    Run listed = run("admin", "users", "list", "--query", "viewer@", "--json");
    assertThat(listed.code()).isZero();
    assertThat(listed.out())
        .contains("\"email\":\"viewer@example.com\"")
        .contains("\"total\":1")
        .doesNotContain("ops@example.com");
    assertThat(run("admin", "users", "list", "--role", "ADMIN").out())
        .contains("ops@example.com")
        .doesNotContain("viewer@example.com");

    assertThat(run("admin", "users", "hide", String.valueOf(user), "--json").out())
        .contains("\"hidden\":true");
    assertThat(Sql.text(services, "SELECT is_hidden FROM users WHERE id = " + user)).isEqualTo("1");
    assertThat(run("admin", "users", "list", "--hidden", "true").out())
        .contains("viewer@example.com");
    assertThat(run("admin", "users", "restore", String.valueOf(user)).out())
        .startsWith("restored:");
    assertThat(Sql.text(services, "SELECT is_hidden FROM users WHERE id = " + user)).isEqualTo("0");
    assertOneLine(
        run("admin", "users", "hide", String.valueOf(admin)), FenzCommand.REFUSED, "last_admin");
    assertThat(run("admin", "users", "delete", String.valueOf(user), "--yes").code()).isZero();
    assertThat(Sql.count(services, "SELECT COUNT(*) FROM users WHERE id = " + user)).isZero();
    assertOneLine(run("seed"), FenzCommand.REFUSED, "--force");
  }

  @Test
  void maintenanceCommandsDoTheirWorkAndReportIt() {
    long owner =
        Sql.insert(
            services,
            "INSERT INTO users (email, password_hash, display_name, created_at, updated_at)"
                + " VALUES ('creator@example.com', 'x', '創作者', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
    long channel =
        Sql.insert(
            services,
            "INSERT INTO channels (user_id, name, created_at) VALUES ("
                + owner
                + ", '創作者', UTC_TIMESTAMP(3))");
    long video =
        Sql.insert(
            services,
            "INSERT INTO videos (channel_id, title, description, is_published, video_key, published_at, created_at,"
                + " updated_at, search_tokens) VALUES ("
                + channel
                + ", '夜市小吃', '', TRUE, 'videos/x.mp4', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3),"
                + " UTC_TIMESTAMP(3), '')");

    Run reindex = run("admin", "reindex-search", "--json");
    assertThat(reindex.out()).contains("\"changed\":1");
    assertThat(Sql.text(services, "SELECT search_tokens FROM videos WHERE id = " + video))
        .isNotEmpty();
    assertThat(run("admin", "rebuild-cache", "--json").out()).contains("\"videos\":1");
    String latest =
        Sql.text(
            services,
            "SELECT version FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1");
    assertThat(Double.parseDouble(latest.replace('_', '.'))).isGreaterThanOrEqualTo(10);
    assertThat(run("admin", "migrate", "--json").out())
        .contains("\"applied\":0")
        .contains("\"schemaVersion\":\"" + latest + "\"");

    try (RedisStore redis = new RedisStore(TestConfigs.config(services).redis())) {
      new RedisViewBuffer(redis)
          .add(
              new View(video, null, Viewer.user(owner + 1000).key(), false, Instant.now()),
              Duration.ofMinutes(30));
      RedisCleanupQueue cleanup = new RedisCleanupQueue(redis);
      cleanup.deadLetter(CleanupTask.object("videos/gone.mp4"));
      assertThat(run("admin", "flush-views", "--json").out()).contains("\"views\":1");
      assertThat(Sql.count(services, "SELECT views_non_member FROM videos WHERE id = " + video))
          .isEqualTo(1);
      assertThat(run("admin", "cleanup-retry").out())
          .isEqualTo("requeued 1 dead cleanup tasks" + System.lineSeparator());
      assertThat(cleanup.dead()).isEmpty();
      assertThat(cleanup.size()).isEqualTo(1);
    }
  }

  @Test
  void deadLettersListAndReplayAsJsonWithTheSharedExitCodes() {
    long id;
    try (Database db = new Database(TestConfigs.config(services).database())) {
      DeadLetters deadLetters = new JdbiDeadLetters(db, Clock.systemUTC());
      deadLetters.park(
          "notify", "fenz.content.video_published", "ev-1", "{\"eventId\":\"ev-1\"}", "boom", 8);
      id = deadLetters.list(1, false).getFirst().id();
    }

    Run listed = run("admin", "dead-letters", "list", "--json");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out().lines()).hasSize(1);
    assertThat(listed.out())
        .contains("\"id\":" + id)
        .contains("\"consumer\":\"notify\"")
        .contains("\"error\":\"boom\"")
        .containsPattern("\"parkedAt\":\"\\d{4}-");

    Run replayed = run("admin", "dead-letters", "replay", String.valueOf(id), "--json");
    assertThat(replayed.code()).as(replayed.err()).isZero();
    assertThat(replayed.out().strip()).isEqualTo("{\"replayed\":[" + id + "],\"missing\":[]}");
    assertThat(run("admin", "dead-letters", "list", "--json").out()).doesNotContain("\"id\":" + id);

    Run unknown = run("admin", "dead-letters", "replay", "987654");
    assertThat(unknown.out()).contains("no dead letter 987654");
    assertOneLine(unknown, FenzCommand.NOT_FOUND, "dead_letter_not_found");
  }
}
