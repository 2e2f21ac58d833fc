package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.Media;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.Sql;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Categories, tags and tag picks, uploads, video lifecycle and ownership, black-box over HTTP. */
@WithFenzServices
class ContentApiTest {
  @RegisterExtension
  static final TestApp app = TestApp.perClass(Map.of("FENZ_MAX_THUMBNAIL_UPLOAD", "64k"));

  private static final ApiClient api = app.api;
  private static TestEnvironment env;
  private static String creator;
  private static String other;

  @BeforeAll
  static void start(TestEnvironment environment) {
    env = environment;
    creator =
        api.register("creator@example.com", "password-123", "創作者").path("accessToken").asText();
    other = api.register("other@example.com", "password-123", "路人").path("accessToken").asText();
  }

  @Test
  void categoriesAndTagsAreLocalized() {
    JsonNode zh = api.get("/api/v1/categories", null).json().path("items");
    JsonNode en =
        api.send(
                "GET",
                "/api/v1/categories",
                null,
                null,
                Map.of("Accept-Language", "en-US,en;q=0.9"))
            .json()
            .path("items");
    assertThat(zh.size()).isGreaterThanOrEqualTo(10).isEqualTo(en.size());
    assertThat(zh.get(0).path("name").asText()).isEqualTo("娛樂");
    assertThat(en.get(0).path("name").asText()).isEqualTo("Entertainment");
    assertThat(api.get("/api/v1/tags", null).json().path("items").findValuesAsText("name"))
        .contains("貓咪", "開箱");
  }

  @Test
  void guestsAndUsersPickAtMostFiveExistingTags() {
    String session = UUID.randomUUID().toString();
    Map<String, String> guest = Map.of("X-Session-Id", session);
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/me/tags",
                    Map.of("tagIds", List.of(1, 2, 3, 4, 5, 6)),
                    null,
                    guest)
                .code())
        .isEqualTo("tag_limit_exceeded");
    assertThat(
            api.send("PUT", "/api/v1/me/tags", Map.of("tagIds", List.of(1, 99999)), null, guest)
                .code())
        .isEqualTo("unknown_tag");
    assertThat(
            api.send(
                    "PUT",
                    "/api/v1/me/tags",
                    Map.of("tagIds", List.of(1, 2)),
                    null,
                    Map.of("X-Session-Id", "not-a-uuid"))
                .code())
        .isEqualTo("invalid_session_id");
    assertThat(
            api.send("PUT", "/api/v1/me/tags", Map.of("tagIds", List.of(1, 2)), null, Map.of())
                .code())
        .isEqualTo("session_required");
    ApiClient.Response saved =
        api.send("PUT", "/api/v1/me/tags", Map.of("tagIds", List.of(3, 1, 3)), null, guest);
    assertThat(saved.status()).isEqualTo(200);
    assertThat(saved.json().path("tagIds").toString()).isEqualTo("[1,3]");
    assertThat(api.send("GET", "/api/v1/me/tags", null, null, guest).json().path("tags").size())
        .isEqualTo(2);

    // Registering with the same session id moves the guest's tags to the new account.
    JsonNode registered =
        api.send(
                "POST",
                "/api/v1/auth/register",
                Map.of(
                    "email",
                    "guest-turned-user@example.com",
                    "password",
                    "password-123",
                    "displayName",
                    "Guest"),
                null,
                guest)
            .json();
    String token = registered.path("accessToken").asText();
    assertThat(api.get("/api/v1/me/tags", token).json().path("tagIds").toString())
        .isEqualTo("[1,3]");
    assertThat(api.send("GET", "/api/v1/me/tags", null, null, guest).json().path("tagIds").size())
        .isZero();
    // An account that already has tags keeps them.
    api.send("PUT", "/api/v1/me/tags", Map.of("tagIds", List.of(5)), null, guest);
    api.send(
        "POST",
        "/api/v1/auth/login",
        Map.of("email", "guest-turned-user@example.com", "password", "password-123"),
        null,
        guest);
    assertThat(api.get("/api/v1/me/tags", token).json().path("tagIds").toString())
        .isEqualTo("[1,3]");
  }

  @Test
  void uploadsAreTypedByContentAndBounded() throws Exception {
    String uploader =
        api.register("uploader@example.com", "password-123", "Uploader")
            .path("accessToken")
            .asText();
    ApiClient.Response video =
        api.sendBytes(
            "POST",
            "/api/v1/upload/video",
            Media.sampleMp4(),
            "application/octet-stream",
            uploader);
    assertThat(video.status()).isEqualTo(201);
    assertThat(video.json().path("contentType").asText()).isEqualTo("video/mp4");
    assertThat(video.json().path("size").asLong()).isEqualTo(Media.sampleMp4().length);

    ApiClient.Response fake =
        api.sendBytes(
            "POST",
            "/api/v1/upload/video",
            "just text, named video.mp4".getBytes(StandardCharsets.UTF_8),
            "video/mp4",
            uploader);
    assertThat(fake.status()).isEqualTo(415);
    assertThat(fake.code()).isEqualTo("unsupported_media_type");
    assertThat(
            api.sendBytes(
                    "POST", "/api/v1/upload/thumbnail", Media.sampleMp4(), "image/jpeg", uploader)
                .status())
        .as("a video is not a thumbnail")
        .isEqualTo(415);
    assertThat(
            api.sendBytes("POST", "/api/v1/upload/video", new byte[0], "video/mp4", uploader)
                .code())
        .isEqualTo("empty_upload");
    ApiClient.Response big =
        api.sendBytes(
            "POST", "/api/v1/upload/thumbnail", pngOfSize(100_000), "image/png", uploader);
    assertThat(big.status()).isEqualTo(413);
    assertThat(big.code()).isEqualTo("upload_too_large");
    assertThat(
            api.sendBytes("POST", "/api/v1/upload/video", Media.sampleMp4(), "video/mp4", null)
                .status())
        .isEqualTo(401);
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM uploads u JOIN users x ON x.id = u.user_id WHERE x.email = 'uploader@example.com'"))
        .as("only the good upload is recorded")
        .isEqualTo(1);
  }

  @Test
  void aTruncatedUploadLeavesNothingBehind() throws Exception {
    String token =
        api.register("truncated@example.com", "password-123", "Truncated")
            .path("accessToken")
            .asText();
    URI base = URI.create(api.baseUrl());
    byte[] head = java.util.Arrays.copyOf(Media.sampleMp4(), 4096);
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /api/v1/upload/video HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                  + token
                  + "\r\nContent-Type: video/mp4\r\nContent-Length: 500000\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(head);
      out.flush();
      socket.shutdownOutput();
      socket.getInputStream().readAllBytes();
    }
    long deadline = System.currentTimeMillis() + 5_000;
    while (System.currentTimeMillis() < deadline
        && Sql.count(
                env,
                "SELECT COUNT(*) FROM uploads u JOIN users x ON x.id = u.user_id WHERE x.email = 'truncated@example.com'")
            > 0) {
      Thread.sleep(100);
    }
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM uploads u JOIN users x ON x.id = u.user_id WHERE x.email = 'truncated@example.com'"))
        .isZero();
    assertThat(
            api.sendBytes("POST", "/api/v1/upload/video", Media.sampleMp4(), "video/mp4", token)
                .status())
        .as("the server is fine afterwards")
        .isEqualTo(201);
  }

  @Test
  void videoLifecycleWithOwnershipChecksOnEveryWrite() {
    String videoKey = upload(creator);
    String thumbKey =
        api.sendBytes("POST", "/api/v1/upload/thumbnail", Media.sampleJpeg(), "image/jpeg", creator)
            .json()
            .path("key")
            .asText();
    ApiClient.Response created =
        api.post(
            "/api/v1/videos",
            Map.of(
                "title",
                "<script>alert(1)</script> 小貓咪影片",
                "description",
                "第一支",
                "categoryId",
                11,
                "tagIds",
                List.of(8),
                "accessTier",
                0,
                "videoKey",
                videoKey,
                "thumbnailKey",
                thumbKey,
                "durationSeconds",
                2),
            creator);
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().path("id").asLong();
    assertThat(created.json().path("title").asText()).isEqualTo("<script>alert(1)</script> 小貓咪影片");
    assertThat(created.json().path("owner").path("published").asBoolean()).isFalse();

    assertThat(api.get("/api/v1/videos/" + id, other).status())
        .as("unpublished is invisible")
        .isEqualTo(404);
    assertThat(api.get("/api/v1/videos/" + id, null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/videos/" + id, creator).status()).isEqualTo(200);
    assertThat(api.post("/api/v1/videos/" + id + "/toggle-publish", null, other).status())
        .isEqualTo(404);

    assertThat(
            api.post("/api/v1/videos/" + id + "/toggle-publish", null, creator)
                .json()
                .path("owner")
                .path("published")
                .asBoolean())
        .isTrue();
    JsonNode seen = api.get("/api/v1/videos/" + id, other).json();
    assertThat(seen.has("owner")).as("private fields only for the owner").isFalse();
    assertThat(seen.toString()).doesNotContain(videoKey);
    assertThat(seen.path("thumbnailUrl").asText()).isEqualTo("/api/v1/videos/" + id + "/thumbnail");

    assertThat(api.patch("/api/v1/videos/" + id, Map.of("title", "stolen"), other).code())
        .isEqualTo("not_owner");
    assertThat(api.post("/api/v1/videos/" + id + "/toggle-publish", null, other).code())
        .isEqualTo("not_owner");
    assertThat(api.delete("/api/v1/videos/" + id, other).code()).isEqualTo("not_owner");
    assertThat(api.delete("/api/v1/videos/" + id, creator).code()).isEqualTo("video_published");

    ApiClient.Response edited =
        api.patch(
            "/api/v1/videos/" + id,
            Map.of("title", "新標題", "accessTier", 2, "tagIds", List.of(1, 2)),
            creator);
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.json().path("accessTier").asInt()).isEqualTo(2);
    assertThat(edited.json().path("tagIds").toString()).isEqualTo("[1,2]");
    assertThat(edited.json().path("description").asText()).isEqualTo("第一支");

    api.post("/api/v1/videos/" + id + "/toggle-publish", null, creator);
    assertThat(api.delete("/api/v1/videos/" + id, creator).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/videos/" + id, creator).status()).isEqualTo(404);
    assertThat(outboxSubjects())
        .contains(
            "fenz.content.video_created",
            "fenz.content.video_published",
            "fenz.content.video_unpublished",
            "fenz.content.video_deleted");
  }

  @Test
  void createRejectsBadFieldsAndForeignUploads() {
    String mine = upload(creator);
    String theirs = upload(other);
    Map<String, Object> base = Map.of("title", "ok", "videoKey", mine);
    assertThat(create(Map.of("title", "x", "videoKey", theirs)).code())
        .isEqualTo("upload_not_owned");
    assertThat(create(Map.of("title", "x", "videoKey", "videos/nope.mp4")).code())
        .isEqualTo("unknown_upload");
    assertThat(create(with(base, "title", "")).code()).isEqualTo("validation_failed");
    assertThat(create(with(base, "title", "長".repeat(201))).code()).isEqualTo("validation_failed");
    assertThat(create(with(base, "description", "d".repeat(5001))).code())
        .isEqualTo("validation_failed");
    assertThat(create(with(base, "accessTier", 3)).code()).isEqualTo("validation_failed");
    assertThat(create(with(base, "accessTier", "1")).code()).isEqualTo("invalid_request");
    assertThat(create(with(base, "categoryId", 424242)).code()).isEqualTo("unknown_category");
    assertThat(create(with(base, "tagIds", List.of(424242))).code()).isEqualTo("unknown_tag");
    assertThat(create(with(base, "durationSeconds", -1)).code()).isEqualTo("validation_failed");
    assertThat(api.get("/api/v1/videos/abc", null).code()).isEqualTo("invalid_request");
    ApiClient.Response ok = create(base);
    assertThat(ok.status()).isEqualTo(201);
    assertThat(create(base).code())
        .as("an upload serves one video")
        .isIn("unknown_upload", "upload_already_used");
  }

  @Test
  void adminManagesTags() throws Exception {
    String admin =
        api.register("tag-admin@example.com", "password-123", "Admin").path("accessToken").asText();
    Sql.execute(env, "UPDATE users SET role = 'ADMIN' WHERE email = 'tag-admin@example.com'");
    assertThat(
            api.post("/api/v1/admin/tags", Map.of("slug", "x", "nameZh", "x", "nameEn", "x"), other)
                .code())
        .isEqualTo("admin_only");
    ApiClient.Response created =
        api.post(
            "/api/v1/admin/tags",
            Map.of("slug", "Street-Dance", "nameZh", "街舞", "nameEn", "Street dance"),
            admin);
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().path("id").asLong();
    assertThat(created.json().path("slug").asText()).isEqualTo("street-dance");
    assertThat(
            api.post(
                    "/api/v1/admin/tags",
                    Map.of("slug", "street-dance", "nameZh", "重複", "nameEn", "Dup"),
                    admin)
                .code())
        .isEqualTo("slug_taken");
    assertThat(
            api.post(
                    "/api/v1/admin/tags",
                    Map.of("slug", "bad slug!", "nameZh", "x", "nameEn", "x"),
                    admin)
                .code())
        .isEqualTo("validation_failed");
    assertThat(
            api.patch("/api/v1/admin/tags/" + id, Map.of("nameZh", "霹靂舞"), admin)
                .json()
                .path("nameZh")
                .asText())
        .isEqualTo("霹靂舞");
    assertThat(api.get("/api/v1/admin/tags", admin).json().path("items").findValuesAsText("nameEn"))
        .contains("Street dance");
    assertThat(api.delete("/api/v1/admin/tags/" + id, admin).status()).isEqualTo(204);
    assertThat(api.delete("/api/v1/admin/tags/" + id, admin).code()).isEqualTo("tag_not_found");
  }

  private static ApiClient.Response create(Map<String, Object> body) {
    return api.post("/api/v1/videos", body, creator);
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> copy = new java.util.HashMap<>(base);
    copy.put(key, value);
    return copy;
  }

  private static String upload(String token) {
    ApiClient.Response r =
        api.sendBytes("POST", "/api/v1/upload/video", Media.sampleMp4(), "video/mp4", token);
    assertThat(r.status()).isEqualTo(201);
    return r.json().path("key").asText();
  }

  /** A PNG header followed by filler, to test the size limit with a well-typed body. */
  private static byte[] pngOfSize(int size) {
    byte[] png = Media.samplePng();
    byte[] big = new byte[size];
    System.arraycopy(png, 0, big, 0, png.length);
    return big;
  }

  private static List<String> outboxSubjects() {
    String subjects =
        Sql.text(env, "SELECT GROUP_CONCAT(subject ORDER BY id SEPARATOR ',') FROM outbox");
    return subjects == null ? List.of() : List.of(subjects.split(","));
  }
}
