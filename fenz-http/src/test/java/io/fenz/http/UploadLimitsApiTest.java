package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.Media;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.Sql;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Upload limits per route and per user, malformed multipart bodies, media that is not media,
 * refused bodies left unread.
 */
@WithFenzServices
class UploadLimitsApiTest {
  private static final String BOUNDARY = "fenz-test-boundary";

  @RegisterExtension
  static final TestApp app =
      TestApp.perClass(
          Map.of(
              "FENZ_MAX_THUMBNAIL_UPLOAD",
              "64k",
              "FENZ_UPLOAD_BYTES_PER_DAY",
              "100k",
              "FENZ_PENDING_UPLOADS",
              "10",
              "FENZ_HTTP_IDLE_TIMEOUT",
              "2s"));

  private static final ApiClient api = app.api;

  @Test
  void aMultipartBodyPastTheRouteLimitIsRefusedAsTheLimitPassesNotAfterSpoolingIt()
      throws Exception {
    String token = token("spool@example.com");
    String head =
        "--"
            + BOUNDARY
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n";
    try (Socket socket = socket()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/upload/thumbnail HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + token
                  + "\r\nContent-Type: multipart/form-data; boundary="
                  + BOUNDARY
                  + "\r\nContent-Length: "
                  + (200L << 20)
                  + "\r\n\r\n"
                  + head)
              .getBytes(StandardCharsets.US_ASCII));
      out.write(
          Arrays.copyOf(
              Media.samplePng(), 1 << 20)); // 1 MB of the declared 200 MB; the rest never comes
      out.flush();
      String answer = readResponse(socket.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 413").contains("upload_too_large");
    }
  }

  @Test
  void multipartUploadsStreamTheFileField() {
    String token = token("multipart@example.com");
    byte[] body =
        multipart("--" + BOUNDARY, "file", Media.sampleJpeg(), "\r\n--" + BOUNDARY + "--\r\n");
    ApiClient.Response r =
        api.sendBytes(
            "POST",
            "/api/v1/upload/thumbnail",
            body,
            "multipart/form-data; boundary=" + BOUNDARY,
            token);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.json().path("size").asLong()).isEqualTo(Media.sampleJpeg().length);
    byte[] twoFields =
        concat(
            ("--"
                    + BOUNDARY
                    + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.UTF_8),
            multipart("--" + BOUNDARY, "file", Media.sampleJpeg(), "\r\n--" + BOUNDARY + "--\r\n"));
    assertThat(
            api.sendBytes(
                    "POST",
                    "/api/v1/upload/thumbnail",
                    twoFields,
                    "multipart/form-data; boundary=" + BOUNDARY,
                    token)
                .status())
        .as("other fields before the file are skipped")
        .isEqualTo(201);
  }

  @Test
  void malformedMultipartBodiesAreBadRequests() throws Exception {
    String token = token("malformed@example.com");
    byte[] body =
        multipart("--" + BOUNDARY, "file", Media.sampleJpeg(), "\r\n--" + BOUNDARY + "--\r\n");
    assertThat(
            api.sendBytes("POST", "/api/v1/upload/thumbnail", body, "multipart/form-data", token)
                .code())
        .as("no boundary")
        .isEqualTo("invalid_request");
    String huge = "b".repeat(5_000);
    ApiClient.Response longBoundary =
        api.sendBytes(
            "POST",
            "/api/v1/upload/thumbnail",
            multipart("--" + huge, "file", Media.sampleJpeg(), "\r\n--" + huge + "--\r\n"),
            "multipart/form-data; boundary=" + huge,
            token);
    assertThat(longBoundary.status()).isEqualTo(400);
    assertThat(longBoundary.code()).isEqualTo("invalid_request");
    ApiClient.Response unterminated =
        api.sendBytes(
            "POST",
            "/api/v1/upload/thumbnail",
            multipart("--" + BOUNDARY, "file", Media.sampleJpeg(), ""),
            "multipart/form-data; boundary=" + BOUNDARY,
            token);
    assertThat(unterminated.status()).as("no closing boundary").isEqualTo(400);
    assertThat(unterminated.code()).isEqualTo("invalid_request");
    assertThat(
            api.sendBytes(
                    "POST",
                    "/api/v1/upload/thumbnail",
                    multipart(
                        "--" + BOUNDARY,
                        "other",
                        Media.sampleJpeg(),
                        "\r\n--" + BOUNDARY + "--\r\n"),
                    "multipart/form-data; boundary=" + BOUNDARY,
                    token)
                .code())
        .isEqualTo("empty_upload");

    // A body that never ends: the part starts, then nothing more comes (chunked, so no length says
    // when it should end).
    try (Socket socket = socket()) {
      OutputStream out = socket.getOutputStream();
      byte[] start = multipart("--" + BOUNDARY, "file", Arrays.copyOf(Media.sampleJpeg(), 500), "");
      out.write(
          ("POST /api/v1/upload/thumbnail HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + token
                  + "\r\nContent-Type: multipart/form-data; boundary="
                  + BOUNDARY
                  + "\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + Integer.toHexString(start.length)
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(start);
      out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String answer = readResponse(socket.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 400").contains("invalid_request");
    }
  }

  @Test
  void eachUserHasAQuotaOfPendingUploadsAndOfBytesPerDay() {
    String pending = token("pending@example.com");
    for (int i = 0; i < 10; i++) {
      assertThat(
              api.sendBytes(
                      "POST", "/api/v1/upload/thumbnail", Media.sampleJpeg(), "image/jpeg", pending)
                  .status())
          .isEqualTo(201);
    }
    ApiClient.Response eleventh =
        api.sendBytes(
            "POST", "/api/v1/upload/thumbnail", Media.sampleJpeg(), "image/jpeg", pending);
    assertThat(eleventh.status()).isEqualTo(429);
    assertThat(eleventh.code()).isEqualTo("too_many_pending_uploads");
    assertThat(eleventh.header("Retry-After")).isNotNull();

    String heavy = token("heavy@example.com");
    int stored = 0;
    ApiClient.Response last;
    do {
      last = api.sendBytes("POST", "/api/v1/upload/video", Media.sampleMp4(), "video/mp4", heavy);
      if (last.status() == 201) {
        stored += Media.sampleMp4().length;
        // Used uploads still count toward the day.
        assertThat(
                api.post(
                        "/api/v1/videos",
                        Map.of(
                            "title",
                            "t",
                            "videoKey",
                            last.json().path("key").asText(),
                            "categoryId",
                            1),
                        heavy)
                    .status())
            .isEqualTo(201);
      }
    } while (last.status() == 201 && stored < 200_000);
    assertThat(stored)
        .as("the day's bytes stop at 100k")
        .isLessThanOrEqualTo(100 << 10)
        .isGreaterThan((100 << 10) - Media.sampleMp4().length);
    assertThat(last.status()).isEqualTo(429);
    assertThat(last.code()).isEqualTo("upload_quota_exceeded");
    assertThat(Long.parseLong(last.header("Retry-After"))).isBetween(1L, 86_401L);
    assertThat(
            api.sendBytes(
                    "POST",
                    "/api/v1/upload/thumbnail",
                    Media.sampleJpeg(),
                    "image/jpeg",
                    token("light@example.com"))
                .status())
        .as("per user")
        .isEqualTo(201);
  }

  @Test
  void concurrentUploadsNeverStoreMoreThanTheDaysQuota() throws Exception {
    String token = token("racer@example.com");
    byte[] video = Media.sampleMp4();
    int fit = (100 << 10) / video.length;
    int sent = 10; // the pending limit, and more than fit
    List<ApiClient.Response> refused = new ArrayList<>();
    int stored = 0;
    for (ApiClient.Response r : allAtOnce(sent, "video", video, "video/mp4", token)) {
      if (r.status() == 201) {
        stored++;
      } else {
        refused.add(r);
      }
    }
    assertThat(stored).as("as many as fit, however many run at once").isEqualTo(fit);
    assertThat(refused)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(429);
              assertThat(r.code()).isEqualTo("upload_quota_exceeded");
            });
    assertThat(
            Sql.count(
                app.env(),
                "SELECT d.bytes FROM upload_bytes_daily d JOIN users u ON u.id = d.user_id"
                    + " WHERE u.email = 'racer@example.com'"))
        .isEqualTo((long) fit * video.length);
    assertThat(
            Sql.count(
                app.env(),
                "SELECT COUNT(*) FROM uploads p JOIN users u ON u.id = p.user_id"
                    + " WHERE u.email = 'racer@example.com'"))
        .isEqualTo(fit);
  }

  @Test
  void concurrentUploadsNeverLeaveMorePendingThanTheLimit() throws Exception {
    String token = token("pending-racer@example.com");
    byte[] thumbnail = Media.samplePng();
    int sent = 20; // twice the pending limit; together far below the day's bytes
    int stored = 0;
    for (ApiClient.Response r : allAtOnce(sent, "thumbnail", thumbnail, "image/png", token)) {
      if (r.status() == 201) {
        stored++;
      } else {
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.code()).isEqualTo("too_many_pending_uploads");
      }
    }
    assertThat(stored).as("the pending limit, however many run at once").isEqualTo(10);
    assertThat(
            Sql.count(
                app.env(),
                "SELECT COUNT(*) FROM uploads p JOIN users u ON u.id = p.user_id"
                    + " WHERE u.email = 'pending-racer@example.com'"))
        .isEqualTo(10);
  }

  /** {@code count} uploads of {@code body} released together; their answers. */
  private static List<ApiClient.Response> allAtOnce(
      int count, String purpose, byte[] body, String type, String token) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ApiClient.Response>> answers = new ArrayList<>();
    try (ExecutorService clients = Executors.newFixedThreadPool(count)) {
      for (int i = 0; i < count; i++) {
        answers.add(
            clients.submit(
                () -> {
                  go.await();
                  return api.sendBytes("POST", "/api/v1/upload/" + purpose, body, type, token);
                }));
      }
      go.countDown();
    }
    List<ApiClient.Response> responses = new ArrayList<>();
    for (Future<ApiClient.Response> answer : answers) {
      responses.add(answer.get());
    }
    return responses;
  }

  @Test
  void mediaThatOnlyLooksLikeMediaCannotBeUsed() {
    String token = token("polyglot@example.com");
    byte[] twelveBytes = {0, 0, 0, 12, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm'};
    byte[] polyglot =
        concat(
            new byte[] {
              0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm',
              'm', 'p', '4', '1'
            },
            "<html><body><script>alert(1)</script></body></html>"
                .repeat(20)
                .getBytes(StandardCharsets.UTF_8));
    for (byte[] fake : new byte[][] {twelveBytes, polyglot}) {
      ApiClient.Response upload =
          api.sendBytes("POST", "/api/v1/upload/video", fake, "video/mp4", token);
      assertThat(upload.status()).as("its first bytes pass: " + upload.raw().body()).isEqualTo(201);
      String key = upload.json().path("key").asText();
      ApiClient.Response created =
          api.post(
              "/api/v1/videos", Map.of("title", "fake", "videoKey", key, "categoryId", 1), token);
      assertThat(created.status()).isEqualTo(422);
      assertThat(created.code()).isEqualTo("invalid_media");
      assertThat(created.json().path("errors").get(0).path("field").asText()).isEqualTo("videoKey");
    }
    byte[] thirteenByteJpeg = {
      (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1
    };
    String thumb =
        api.sendBytes("POST", "/api/v1/upload/thumbnail", thirteenByteJpeg, "image/jpeg", token)
            .json()
            .path("key")
            .asText();
    String video =
        api.sendBytes("POST", "/api/v1/upload/video", Media.sampleMp4(), "video/mp4", token)
            .json()
            .path("key")
            .asText();
    ApiClient.Response withBadThumb =
        api.post(
            "/api/v1/videos",
            Map.of("title", "t", "videoKey", video, "thumbnailKey", thumb, "categoryId", 1),
            token);
    assertThat(withBadThumb.code()).isEqualTo("invalid_media");
    assertThat(withBadThumb.json().path("errors").get(0).path("field").asText())
        .isEqualTo("thumbnailKey");
    ApiClient.Response real =
        api.post(
            "/api/v1/videos", Map.of("title", "real", "videoKey", video, "categoryId", 1), token);
    assertThat(real.status())
        .as("the same key works once the bad thumbnail is dropped")
        .isEqualTo(201);
    assertThat(real.json().path("durationSeconds").asInt()).as("measured by ffprobe").isPositive();
  }

  @Test
  void anUploadRefusedBeforeItsBodyIsReadLeavesTheConnectionUsable() throws Exception {
    byte[] video = Media.sampleMp4();
    try (Socket socket = socket()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/upload/video HTTP/1.1\r\nHost: localhost\r\nContent-Type: video/mp4\r\nContent-Length: "
                  + video.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(video, 0, video.length / 2);
      out.flush();
      Thread.sleep(300); // the server answers 401 at once; the client is still sending
      out.write(video, video.length / 2, video.length - video.length / 2);
      out.write(
          "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String first = readResponse(in);
      assertThat(first).startsWith("HTTP/1.1 401");
      if (!first.toLowerCase().contains("connection: close")) {
        assertThat(readResponse(in))
            .as("a connection the server kept open answers the next request")
            .startsWith("HTTP/1.1 200");
      }
    }
  }

  private static String token(String email) {
    return api.register(email, "password-123", "Uploader").path("accessToken").asText();
  }

  private static Socket socket() throws IOException {
    Socket socket = app.connectFrom("127.0.0.1");
    socket.setSoTimeout(15_000);
    return socket;
  }

  private static byte[] multipart(String delimiter, String field, byte[] content, String tail) {
    byte[] head =
        (delimiter
                + "\r\nContent-Disposition: form-data; name=\""
                + field
                + "\"; filename=\"x\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8);
    return concat(concat(head, content), tail.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }

  /**
   * One HTTP/1.1 response (status line, headers, Content-Length or chunked body) as text; "" when
   * the server closed first.
   */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      head.write(b);
      byte[] sofar = head.toByteArray();
      int n = sofar.length;
      if (n >= 4
          && sofar[n - 4] == '\r'
          && sofar[n - 3] == '\n'
          && sofar[n - 2] == '\r'
          && sofar[n - 1] == '\n') {
        break;
      }
    }
    String headers = head.toString(StandardCharsets.ISO_8859_1);
    StringBuilder body = new StringBuilder();
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(headers);
    if (length.find()) {
      body.append(
          new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8));
    } else if (headers.toLowerCase().contains("transfer-encoding: chunked")) {
      while (true) {
        StringBuilder size = new StringBuilder();
        while ((b = in.read()) >= 0 && b != '\n') {
          size.append((char) b);
        }
        int chunk = Integer.parseInt(size.toString().strip(), 16);
        body.append(new String(in.readNBytes(chunk), StandardCharsets.UTF_8));
        in.readNBytes(2);
        if (chunk == 0) {
          break;
        }
      }
    }
    return headers + body;
  }
}
