package io.fenz.devstack.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * How a module's integration test uses the extension; runs against embedded or real services alike.
 */
@WithFenzServices
class WithFenzServicesExampleTest {

  private final TestEnvironment env;

  WithFenzServicesExampleTest(TestEnvironment env) {
    this.env = env;
  }

  @Test
  void databaseRedisAndS3AreReady() throws Exception {
    try (Connection c = DriverManager.getConnection(env.jdbcUrl());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE videos (id BIGINT PRIMARY KEY, title VARCHAR(100))");
      s.execute("INSERT INTO videos VALUES (1, 'hello')");
      try (ResultSet rs = s.executeQuery("SELECT title FROM videos")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("hello");
      }
    }

    try (Jedis jedis = new Jedis(URI.create(env.redisUrl()))) {
      jedis.incr(env.redisKeyPrefix() + "views:1");
      assertThat(jedis.get(env.redisKeyPrefix() + "views:1")).isEqualTo("1");
    }

    MinioClient s3 =
        MinioClient.builder()
            .endpoint(env.s3Endpoint())
            .credentials(env.s3AccessKey(), env.s3SecretKey())
            .region("us-east-1")
            .build();
    assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket(env.s3Bucket()).build()))
        .isFalse();
    s3.makeBucket(MakeBucketArgs.builder().bucket(env.s3Bucket()).build());
    byte[] body = "thumbnail".getBytes(StandardCharsets.UTF_8);
    s3.putObject(
        PutObjectArgs.builder().bucket(env.s3Bucket()).object("t/1.jpg").stream(
                new ByteArrayInputStream(body), body.length, -1)
            .build());
    try (GetObjectResponse object =
        s3.getObject(GetObjectArgs.builder().bucket(env.s3Bucket()).object("t/1.jpg").build())) {
      assertThat(object.readAllBytes()).isEqualTo(body);
    }
  }

  @Test
  void natsIsOptional() {
    assertThat(env.hasNats()).isEqualTo(System.getenv("FENZ_TEST_NATS_URL") != null);
    assertThat(env.natsStreamPrefix()).startsWith("T");
  }
}
