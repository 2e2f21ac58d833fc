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
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Media throughput (issue #4): the app's upload and stream paths against direct S3 PUT/GET of the
 * same object size in the same run, and the heap during a 1 GB upload. Runs everything in-process
 * on embedded services. Prints `name: value` lines.
 */
public final class MediaBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MB = 1L << 20;

  public static void main(String[] args) throws Exception {
    long objectBytes = Long.getLong("bench.objectMb", 100) * MB;
    long bigBytes = Long.getLong("bench.bigMb", 1024) * MB;
    int rounds = Integer.getInteger("bench.rounds", 5);
    try (Devstack devstack = Devstack.start(DevstackOptions.transientAll())) {
      try (var c = DriverManager.getConnection(devstack.jdbcUrl());
          var st = c.createStatement()) {
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
      env.put("FENZ_MAX_VIDEO_UPLOAD", (Math.max(bigBytes, objectBytes) + MB) + "");
      FenzConfig config = FenzConfig.load(env);
      // A second app process on the same database without the media cache: every view takes the S3
      // proxy path.
      Map<String, String> uncachedEnv = new HashMap<>(env);
      uncachedEnv.put("FENZ_MEDIA_CACHE_BYTES", "0");
      try (Infrastructure infra = Infrastructure.open(config, Clock.systemUTC());
          Infrastructure uncachedInfra =
              Infrastructure.open(FenzConfig.load(uncachedEnv), Clock.systemUTC())) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        FenzHttpServer server = HttpComponent.create(infra, metrics).server().start();
        FenzHttpServer uncached =
            HttpComponent.create(
                    uncachedInfra, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
                .server()
                .start();
        try {
          run(server, uncached, devstack, config, objectBytes, bigBytes, rounds);
        } finally {
          server.stop();
          uncached.stop();
        }
      }
    }
  }

  private static void run(
      FenzHttpServer server,
      FenzHttpServer uncached,
      Devstack devstack,
      FenzConfig config,
      long objectBytes,
      long bigBytes,
      int rounds)
      throws Exception {
    String base = "http://127.0.0.1:" + server.port();
    String uncachedBase = "http://127.0.0.1:" + uncached.port();
    HttpClient http = HttpClient.newHttpClient();
    MinioClient s3 =
        MinioClient.builder()
            .endpoint(devstack.s3Endpoint())
            .credentials(devstack.s3AccessKey(), devstack.s3SecretKey())
            .region("us-east-1")
            .build();
    String token =
        post(
                http,
                base + "/api/v1/auth/register",
                "{\"email\":\"bench@example.com\",\"password\":\"bench-password\",\"displayName\":\"Bench\"}",
                null)
            .path("accessToken")
            .asText();
    Set<String> phases = Set.of(System.getProperty("bench.phases", "upload,stream,big").split(","));
    System.out.printf(
        "bench: media, object %d MB, 1 warm-up + %d rounds (median; app and direct alternate which goes first), %d cores%n",
        objectBytes / MB, rounds, Runtime.getRuntime().availableProcessors());

    Throughput.Transfer appUpload =
        () -> {
          HttpResponse<String> up = uploadVideo(http, base, token, objectBytes);
          if (up.statusCode() != 201) {
            throw new IllegalStateException("upload failed: " + up.statusCode() + " " + up.body());
          }
          return objectBytes;
        };
    // The baselines use the same HTTP client and the same reading loop against presigned S3 URLs,
    // so only the app hop differs.
    AtomicLong directKeys = new AtomicLong();
    Throughput.Transfer directPut =
        () -> {
          String putUrl =
              s3.getPresignedObjectUrl(
                  GetPresignedObjectUrlArgs.builder()
                      .method(Method.PUT)
                      .bucket(config.s3().bucket())
                      .object("bench/direct-" + directKeys.incrementAndGet())
                      .expiry(600)
                      .build());
          HttpResponse<String> put =
              http.send(
                  HttpRequest.newBuilder(URI.create(putUrl))
                      .header("Content-Type", "video/mp4")
                      .PUT(
                          HttpRequest.BodyPublishers.fromPublisher(
                              HttpRequest.BodyPublishers.ofInputStream(
                                  () -> new FakeMp4(objectBytes)),
                              objectBytes))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (put.statusCode() != 200) {
            throw new IllegalStateException("direct PUT failed: " + put.statusCode());
          }
          return objectBytes;
        };
    if (phases.contains("upload")) {
      Throughput.compare("upload", "direct_put", appUpload, directPut, rounds, 0.7);
    }

    HttpResponse<String> up = uploadVideo(http, base, token, objectBytes);
    String key = JSON.readTree(up.body()).path("key").asText();
    long videoId =
        post(
                http,
                base + "/api/v1/videos",
                "{\"title\":\"bench\",\"videoKey\":\"" + key + "\",\"durationSeconds\":1}",
                token)
            .path("id")
            .asLong();
    post(http, base + "/api/v1/videos/" + videoId + "/toggle-publish", "", token);
    Throughput.Transfer appStream = () -> stream(http, base, videoId, token);
    Throughput.Transfer uncachedStream = () -> stream(http, uncachedBase, videoId, token);
    Throughput.Transfer directGet =
        () -> {
          String getUrl =
              s3.getPresignedObjectUrl(
                  GetPresignedObjectUrlArgs.builder()
                      .method(Method.GET)
                      .bucket(config.s3().bucket())
                      .object(key)
                      .expiry(600)
                      .build());
          return drain(
              expectOk(
                  http.send(
                      HttpRequest.newBuilder(URI.create(getUrl)).build(),
                      HttpResponse.BodyHandlers.ofInputStream())));
        };
    if (phases.contains("stream")) {
      // Uncached first (the S3 proxy path every miss takes, on an app process without the media
      // cache); it
      // also warms that path, so the first view below is not measured on a cold JIT.
      double directMbS =
          Throughput.compare(
              "stream_uncached", "direct_get", uncachedStream, directGet, rounds, Double.NaN);
      Throughput.Sample first = Throughput.measure(appStream);
      long waited = awaitCopy(http, base, objectBytes);
      System.out.printf(
          "stream.first_view_mb_s: %.1f   (S3 proxy, written to the media cache as read; copy held %d ms later)%n"
              + "ratio.stream_first_view_over_direct: %.2f   (reference, no goal)%n",
          first.mbPerSecond(), waited, first.mbPerSecond() / directMbS);
      Throughput.compare("stream", "direct_get", appStream, directGet, rounds, 0.8);
    }

    if (phases.contains("big")) {
      bigUpload(http, base, token, bigBytes);
    }
    System.out.println(
        "note: client, server and S3 share one JVM and 2 cores; heap is the whole JVM's; cpu_ms_per_100mb is the whole"
            + " process's CPU time (client + app + S3) per 100 MB moved, less sensitive to other load on the machine than MB/s");
  }

  private static long stream(HttpClient http, String base, long videoId, String token)
      throws Exception {
    String url =
        get(http, base + "/api/v1/videos/" + videoId + "/playback", token).path("url").asText();
    return drain(
        expectOk(
            http.send(
                HttpRequest.newBuilder(URI.create(base + url)).build(),
                HttpResponse.BodyHandlers.ofInputStream())));
  }

  /**
   * Waits until the app's media cache holds at least {@code bytes} (its gauge on /metrics); returns
   * the ms waited.
   */
  private static long awaitCopy(HttpClient http, String base, long bytes) throws Exception {
    long t0 = System.nanoTime();
    while (System.nanoTime() - t0 < 120_000_000_000L) {
      String metrics =
          http.send(
                  HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      double held =
          metrics
              .lines()
              .filter(l -> l.startsWith("fenz_media_cache_bytes"))
              .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
              .sum();
      if (held >= bytes) {
        return (System.nanoTime() - t0) / 1_000_000;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("the media cache did not take the object within 120 s");
  }

  private static void bigUpload(HttpClient http, String base, String token, long bigBytes)
      throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long baseline = memory.getHeapMemoryUsage().getUsed();
    AtomicLong peak = new AtomicLong(baseline);
    Thread sampler =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                      Thread.sleep(10);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    HttpResponse<String> big = uploadVideo(http, base, token, bigBytes);
    sampler.interrupt();
    System.out.printf(
        "upload_big.mb: %d%nupload_big.status: %d%nupload_big.heap_baseline_mb: %d%nupload_big.heap_peak_mb: %d%n"
            + "ratio.heap_growth_over_upload_size: %.3f   (goal: flat; the JVM is capped at -Xmx256m)%n",
        bigBytes / MB,
        big.statusCode(),
        baseline / MB,
        peak.get() / MB,
        (double) (peak.get() - baseline) / bigBytes);
  }

  private static InputStream expectOk(HttpResponse<InputStream> response) throws Exception {
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IllegalStateException(
          "GET " + response.uri().getPath() + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** POSTs a generated MP4 of {@code bytes} to the app's video upload. */
  private static HttpResponse<String> uploadVideo(
      HttpClient http, String base, String token, long bytes) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/api/v1/upload/video"))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "video/mp4")
            .POST(
                HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new FakeMp4(bytes)), bytes))
            .build(),
        HttpResponse.BodyHandlers.ofString());
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

  private static JsonNode post(HttpClient http, String url, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return JSON.readTree(http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static JsonNode get(HttpClient http, String url, String token) throws Exception {
    return JSON.readTree(
        http.send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body());
  }
}
