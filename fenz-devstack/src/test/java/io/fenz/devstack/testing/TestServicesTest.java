package io.fenz.devstack.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.devstack.Devstack;
import io.fenz.devstack.DevstackOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestServicesTest {

  @Test
  void usesTheEnvironmentAndStartsNothingWhenEverythingIsGiven() {
    TestServices services =
        TestServices.resolve(
            Map.of(
                "FENZ_TEST_DB_URL", "jdbc:mariadb://db:3306/?user=root",
                "FENZ_TEST_REDIS_URL", "redis://cache:6379",
                "FENZ_TEST_NATS_URL", "nats://bus:4222",
                "FENZ_TEST_S3_ENDPOINT", "http://minio:9000",
                "FENZ_TEST_S3_ACCESS_KEY", "key",
                "FENZ_TEST_S3_SECRET_KEY", "secret"),
            options -> {
              throw new AssertionError("nothing should be started");
            });
    assertThat(services.jdbcUrl()).isEqualTo("jdbc:mariadb://db:3306/?user=root");
    assertThat(services.redisUrl()).isEqualTo("redis://cache:6379");
    assertThat(services.natsUrl()).isEqualTo("nats://bus:4222");
    assertThat(services.s3Endpoint()).isEqualTo("http://minio:9000");
    assertThat(services.s3AccessKey()).isEqualTo("key");
    assertThat(services.s3SecretKey()).isEqualTo("secret");
  }

  @Test
  void embedsOnlyWhatIsMissingAndBlankCountsAsMissing() {
    List<Devstack> started = new ArrayList<>();
    try {
      TestServices services =
          TestServices.resolve(
              Map.of(
                  "FENZ_TEST_DB_URL", "jdbc:mariadb://db:3306/?user=root",
                  "FENZ_TEST_REDIS_URL", " "),
              options -> {
                assertThat(options).isEqualTo(new DevstackOptions(null, false, true, true));
                started.add(Devstack.start(options));
                return started.getLast();
              });
      assertThat(started).hasSize(1);
      assertThat(services.jdbcUrl()).isEqualTo("jdbc:mariadb://db:3306/?user=root");
      assertThat(services.redisUrl()).isEqualTo(started.getFirst().redisUrl());
      assertThat(services.s3Endpoint()).isEqualTo(started.getFirst().s3Endpoint());
      assertThat(services.s3AccessKey()).isEqualTo(Devstack.S3_ACCESS_KEY);
      assertThat(services.natsUrl()).isNull();
    } finally {
      started.forEach(Devstack::close);
    }
  }

  @Test
  void anS3EndpointNeedsItsKeys() {
    assertThatThrownBy(
            () ->
                TestServices.resolve(
                    Map.of("FENZ_TEST_S3_ENDPOINT", "http://minio:9000"), options -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("FENZ_TEST_S3_ACCESS_KEY");
  }
}
