package io.fenz.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.Infrastructure;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Extra videos (Gemini's titles) are asked for once, when the set is written, and written with it.
 */
@WithFenzServices
class DemoSeederExtrasTest {
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
  void extrasAreWrittenWithTheSetAndASecondRunAsksForNone() {
    AtomicInteger asked = new AtomicInteger();
    DemoSeeder.ExtraVideos extras =
        data -> {
          asked.incrementAndGet();
          String creator = data.creators().getFirst().handle();
          return List.of(
              new DemoDataset.DemoVideo(creator, List.of("cooking"), 0, 1, "額外標題一", "一"),
              new DemoDataset.DemoVideo(creator, List.of("cooking"), 0, 2, "額外標題二", "二"));
        };
    DemoSeeder seeder = SeedComponent.create(infra).seeder();
    int bundled = DemoDataset.load().videos().size();

    DemoSeeder.Report first =
        seeder.seed("admin@fenz.local", "fenz-admin-dev", DemoSeeder.Options.DEFAULT, extras);
    assertThat(first.written().videos()).isEqualTo(bundled + 2);
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM videos")).isEqualTo(bundled + 2);
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM videos WHERE title IN ('額外標題一', '額外標題二') AND is_published"))
        .isEqualTo(2);

    DemoSeeder.Report second =
        seeder.seed("admin@fenz.local", "fenz-admin-dev", DemoSeeder.Options.DEFAULT, extras);
    assertThat(second.written()).isNull();
    assertThat(asked).hasValue(1);
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM videos")).isEqualTo(bundled + 2);
  }
}
