package io.fenz.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.Infrastructure;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A database with someone else's accounts is left alone unless forced; --reset rewrites only what
 * the seed owns.
 */
@WithFenzServices
class DemoSeederSafetyTest {
  private static Infrastructure infra;
  private static TestEnvironment env;

  @BeforeAll
  static void open(TestEnvironment environment) {
    env = environment;
    infra = Infrastructure.open(TestConfigs.config(environment), Clock.systemUTC());
  }

  @AfterAll
  static void close() {
    infra.close();
  }

  @Test
  void refusesAForeignDatabaseUntilForcedAndResetKeepsTheForeignRows() {
    Sql.execute(
        env,
        "INSERT INTO users (email, password_hash, display_name, created_at, updated_at)"
            + " VALUES ('real.user@example.com', 'x', '真的使用者', UTC_TIMESTAMP(3), UTC_TIMESTAMP(3))");
    DemoSeeder seeder = SeedComponent.create(infra).seeder();
    assertThatThrownBy(
            () -> seeder.seed("admin@fenz.local", "fenz-admin-dev", DemoSeeder.Options.DEFAULT))
        .isInstanceOf(DemoSeeder.ForeignDataException.class)
        .hasMessageContaining("1 account(s)")
        .hasMessageContaining("--force");
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM users")).isEqualTo(1);
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM videos")).isZero();

    DemoSeeder.Report forced =
        seeder.seed("admin@fenz.local", "fenz-admin-dev", new DemoSeeder.Options(false, true, 0));
    long videos = Sql.count(env, "SELECT COUNT(*) FROM videos");
    assertThat(videos).isEqualTo(forced.written().videos()).isGreaterThanOrEqualTo(300);

    Sql.execute(
        env,
        "DELETE FROM videos WHERE id = (SELECT MIN(id) FROM (SELECT id FROM videos) v)",
        "UPDATE users SET display_name = 'changed' WHERE email LIKE 'viewer01@%'");
    assertThatThrownBy(
            () ->
                seeder.seed(
                    "admin@fenz.local", "fenz-admin-dev", new DemoSeeder.Options(true, false, 0)))
        .isInstanceOf(DemoSeeder.ForeignDataException.class);
    DemoSeeder.Report reset =
        seeder.seed("admin@fenz.local", "fenz-admin-dev", new DemoSeeder.Options(true, true, 0));
    assertThat(reset.written().videos()).isEqualTo(forced.written().videos());
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM videos")).isEqualTo(videos);
    assertThat(Sql.text(env, "SELECT display_name FROM users WHERE email LIKE 'viewer01@%'"))
        .isEqualTo("小明");
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM users WHERE email = 'real.user@example.com'"))
        .isEqualTo(1);
  }
}
