package io.fenz.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.Infrastructure;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithFenzServices
class DemoSeederTest {
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
  void seedingTwiceAddsEverythingOnceAndPublishesTheDemoVideos() throws Exception {
    DemoSeeder seeder = SeedComponent.create(infra).seeder();
    DemoSeeder.Report first = seeder.seed("admin@fenz.local", "fenz-admin-dev");
    assertThat(first.adminCreated()).isTrue();
    assertThat(first.creatorsCreated()).isEqualTo(DemoSeeder.creators().size());
    assertThat(first.videosCreated()).isEqualTo(DemoSeeder.demoVideos().size());
    DemoSeeder.Report second = seeder.seed("admin@fenz.local", "fenz-admin-dev");
    assertThat(second.adminCreated()).isFalse();
    assertThat(second.creatorsCreated()).isZero();
    assertThat(second.videosCreated()).isZero();
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM users WHERE role = 'ADMIN'")).isEqualTo(1);
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM videos WHERE is_published")).isEqualTo(DemoSeeder.demoVideos().size());
    assertThat(Sql.count(env, "SELECT COUNT(DISTINCT access_tier) FROM videos")).isEqualTo(3);
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM videos v WHERE NOT EXISTS (SELECT 1 FROM video_tags t WHERE t.video_id = v.id)")).isZero();
  }

}
