package io.fenz.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.devstack.Devstack;
import io.fenz.devstack.DevstackOptions;
import io.fenz.devstack.JdbcUrls;
import io.fenz.http.FenzHttpServer;
import io.fenz.http.wiring.HttpComponent;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.DriverManager;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Media throughput (issue #4): the app's upload and stream paths against direct S3 PUT/GET of
 * the same object size in the same run, and the heap during a 1 GB upload. Runs everything
 * in-process on embedded services. Prints `name: value` lines.
 */
public final class MediaBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MB = 1L << 20;

  public static void main(String[] args) throws Exception {
    long objectBytes = Long.getLong("bench.objectMb", 100) * MB;
    long bigBytes = Long.getLong("bench.bigMb", 1024) * MB;
    int rounds = Integer.getInteger("bench.rounds", 3);
    try (Devstack devstack = Devstack.start(DevstackOptions.transientAll())) {
      try (var c = DriverManager.getConnection(devstack.jdbcUrl()); var st = c.createStatement()) {
        st.execute("CREATE DATABASE fenz_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
      }
      Map<String, String> env = new HashMap<>();
      env.put("FENZ_HTTP_PORT", "0");
      env.put("FENZ_HTTP_HOST", "127.0.0.1");
      env.put("FENZ_DB_URL", JdbcUrls.withDatabase(devstack.jdbcUrl(), "fenz_bench"));
      env.put("FENZ_REDIS_URL", devstack.redisUrl());
      env.put("FENZ_S3_ENDPOINT", devstack.s3Endpoint());
      env.put("FENZ_S3_ACCESS_KEY", devstack.s3AccessKey());
      env.put("FENZ_S3_SECRET_KEY", devstack.s3SecretKey());
      env.put("FENZ_JWT_SECRET", "bench-secret-bench-secret-bench-secret-01");
      env.put("FENZ_BCRYPT_COST", "4");
      env.put("FENZ_MAX_VIDEO_UPLOAD", (bigBytes + MB) + "");
      FenzConfig config = FenzConfig.load(env);
      try (Infrastructure infra = Infrastructure.open(config, Clock.systemUTC())) {
        FenzHttpServer server = HttpComponent.create(infra, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)).server().start();
        try {
          run(server, devstack, config, objectBytes, bigBytes, rounds);
        } finally {
          server.stop();
        }
      }
    }
  }

  private static void run(FenzHttpServer server, Devstack devstack, FenzConfig config, long objectBytes, long bigBytes, int rounds)
      throws Exception {
    String base = "http://127.0.0.1:" + server.port();
    HttpClient http = HttpClient.newHttpClient();
    MinioClient s3 = MinioClient.builder().endpoint(devstack.s3Endpoint()).credentials(devstack.s3AccessKey(), devstack.s3SecretKey())
        .region("us-east-1").build();
    String token = post(http, base + "/api/v1/auth/register",
        "{\"email\":\"bench@example.com\",\"password\":\"bench-password\",\"displayName\":\"Bench\"}", null).path("accessToken").asText();
    System.out.printf("bench: media, object %d MB, %d rounds, %d cores%n", objectBytes / MB, rounds, Runtime.getRuntime().availableProcessors());

    double appUpload = 0;
    double directPut = 0;
    String key = null;
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      HttpResponse<String> up = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/upload/video"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "video/mp4")
          .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new FakeMp4(objectBytes)), objectBytes))
          .build(), HttpResponse.BodyHandlers.ofString());
      appUpload = Math.max(appUpload, mbPerSecond(objectBytes, System.nanoTime() - t0));
      if (up.statusCode() != 201) {
        throw new IllegalStateException("upload failed: " + up.statusCode() + " " + up.body());
      }
      key = JSON.readTree(up.body()).path("key").asText();
      // The baseline uses the same HTTP client against a presigned S3 URL, so only the app hop differs.
      String putUrl = s3.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.PUT).bucket(config.s3().bucket())
          .object("bench/direct-" + i).expiry(600).build());
      t0 = System.nanoTime();
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(putUrl)).header("Content-Type", "video/mp4")
          .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new FakeMp4(objectBytes)), objectBytes))
          .build(), HttpResponse.BodyHandlers.ofString());
      directPut = Math.max(directPut, mbPerSecond(objectBytes, System.nanoTime() - t0));
      if (put.statusCode() != 200) {
        throw new IllegalStateException("direct PUT failed: " + put.statusCode());
      }
    }
    System.out.printf("upload.app_mb_s: %.1f%nupload.direct_put_mb_s: %.1f%nratio.upload_over_direct: %.2f   (goal >= 0.7)%n",
        appUpload, directPut, appUpload / directPut);

    long videoId = post(http, base + "/api/v1/videos", "{\"title\":\"bench\",\"videoKey\":\"" + key + "\",\"durationSeconds\":1}", token)
        .path("id").asLong();
    post(http, base + "/api/v1/videos/" + videoId + "/toggle-publish", "", token);
    double appStream = 0;
    double directGet = 0;
    for (int i = 0; i < rounds; i++) {
      String url = get(http, base + "/api/v1/videos/" + videoId + "/playback", token).path("url").asText();
      long t0 = System.nanoTime();
      HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + url)).build(), HttpResponse.BodyHandlers.ofInputStream());
      long read = drain(stream.body());
      appStream = Math.max(appStream, mbPerSecond(read, System.nanoTime() - t0));
      String getUrl = s3.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Method.GET).bucket(config.s3().bucket())
          .object(key).expiry(600).build());
      t0 = System.nanoTime();
      read = drain(http.send(HttpRequest.newBuilder(URI.create(getUrl)).build(), HttpResponse.BodyHandlers.ofInputStream()).body());
      directGet = Math.max(directGet, mbPerSecond(read, System.nanoTime() - t0));
    }
    System.out.printf("stream.app_mb_s: %.1f%nstream.direct_get_mb_s: %.1f%nratio.stream_over_direct: %.2f   (goal >= 0.8)%n",
        appStream, directGet, appStream / directGet);

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(baseline);
    Thread sampler = Thread.ofPlatform().daemon().start(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    HttpResponse<String> big = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/upload/video"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "video/mp4")
        .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new FakeMp4(bigBytes)), bigBytes))
        .build(), HttpResponse.BodyHandlers.ofString());
    sampler.interrupt();
    System.out.printf("upload_big.mb: %d%nupload_big.status: %d%nupload_big.heap_baseline_mb: %d%nupload_big.heap_peak_mb: %d%n"
            + "ratio.heap_growth_over_upload_size: %.3f   (goal: flat; the JVM is capped at -Xmx256m)%n", bigBytes / MB, big.statusCode(),
        baseline / MB, peak.get() / MB,
        (double) (peak.get() - baseline) / bigBytes);
    System.out.println("note: client, server and S3 share one JVM and 2 cores; heap is the whole JVM's");
  }

  private static long drain(InputStream in) throws Exception {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
    }
    in.close();
    return total;
  }

  private static double mbPerSecond(long bytes, long nanos) {
    return bytes / (double) MB / (nanos / 1e9);
  }

  private static JsonNode post(HttpClient http, String url, String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static JsonNode get(HttpClient http, String url, String token) throws Exception {
    return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  /** An MP4 header followed by generated bytes: any size without a file or a buffer of that size. */
  static final class FakeMp4 extends InputStream {
    private static final byte[] HEAD = {0, 0, 0, 0x20, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0};
    private final long size;
    private long position;

    FakeMp4(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (position >= size) {
        return -1;
      }
      int b = position < HEAD.length ? HEAD[(int) position] & 0xff : (int) (position * 31 & 0xff);
      position++;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      if (position >= size) {
        return -1;
      }
      int n = (int) Math.min(length, size - position);
      for (int i = 0; i < n; i++) {
        long p = position + i;
        buffer[offset + i] = p < HEAD.length ? HEAD[(int) p] : (byte) (p * 31);
      }
      position += n;
      return n;
    }
  }
}
