package io.fenz.http.routes;

import io.fenz.content.app.AuthorizePlayback;
import io.fenz.content.app.CreateVideo;
import io.fenz.content.app.DeleteVideo;
import io.fenz.content.app.EditVideo;
import io.fenz.content.app.GetVideo;
import io.fenz.content.app.OpenStream;
import io.fenz.content.app.OpenThumbnail;
import io.fenz.content.app.RecordView;
import io.fenz.content.app.TogglePublish;
import io.fenz.content.app.UploadMedia;
import io.fenz.content.domain.Video;
import io.fenz.content.domain.Viewer;
import io.fenz.http.support.Access;
import io.fenz.http.support.ClientAddress;
import io.fenz.http.support.MediaResponses;
import io.fenz.http.support.MinimumRate;
import io.fenz.http.support.MultipartFile;
import io.fenz.http.support.Principals;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.http.support.Viewers;
import io.fenz.platform.config.FenzConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** /api/v1/upload/* and /api/v1/videos: two-phase upload, video CRUD, publish, playback, media. */
public final class VideoRoutes implements RouteGroup {
  public record UploadResponse(String key, long size, String contentType) {}

  public record CreateVideoRequest(
      String title,
      @Nullable String description,
      @Nullable Long categoryId,
      @Nullable List<Long> tagIds,
      @Nullable Integer accessTier,
      String videoKey,
      @Nullable String thumbnailKey,
      @Nullable Integer durationSeconds) {}

  /** A field left out keeps its value. */
  public record EditVideoRequest(
      @Nullable String title,
      @Nullable String description,
      @Nullable Long categoryId,
      @Nullable List<Long> tagIds,
      @Nullable Integer accessTier,
      @Nullable String thumbnailKey) {}

  public record PlaybackResponse(String url, Instant expiresAt) {}

  public record ViewResponse(boolean counted) {}

  private final Requests requests;
  private final Principals principals;
  private final Viewers viewers;
  private final UploadMedia uploadMedia;
  private final CreateVideo createVideo;
  private final GetVideo getVideo;
  private final EditVideo editVideo;
  private final TogglePublish togglePublish;
  private final DeleteVideo deleteVideo;
  private final AuthorizePlayback authorizePlayback;
  private final OpenStream openStream;
  private final OpenThumbnail openThumbnail;
  private final RecordView recordView;
  private final ClientAddress clientAddress;
  private final long minDataRate;

  @Inject
  public VideoRoutes(
      Requests requests,
      Principals principals,
      Viewers viewers,
      UploadMedia uploadMedia,
      CreateVideo createVideo,
      GetVideo getVideo,
      EditVideo editVideo,
      TogglePublish togglePublish,
      DeleteVideo deleteVideo,
      AuthorizePlayback authorizePlayback,
      OpenStream openStream,
      OpenThumbnail openThumbnail,
      RecordView recordView,
      ClientAddress clientAddress,
      FenzConfig.Limits limits) {
    this.requests = requests;
    this.principals = principals;
    this.viewers = viewers;
    this.uploadMedia = uploadMedia;
    this.createVideo = createVideo;
    this.getVideo = getVideo;
    this.editVideo = editVideo;
    this.togglePublish = togglePublish;
    this.deleteVideo = deleteVideo;
    this.authorizePlayback = authorizePlayback;
    this.openStream = openStream;
    this.openThumbnail = openThumbnail;
    this.recordView = recordView;
    this.clientAddress = clientAddress;
    this.minDataRate = limits.minDataRate();
  }

  /** What either upload route may answer. */
  private static final String[] UPLOAD_ERRORS = {
    "empty_upload",
    "upload_incomplete",
    "upload_too_large",
    "unsupported_media_type",
    "invalid_request",
    "upload_quota_exceeded",
    "too_many_pending_uploads",
    "storage_unavailable"
  };

  @Override
  public void register(RouteTable routes) {
    routes.tag("uploads");
    routes
        .post("/api/v1/upload/video")
        .summary("Stream a video (MP4, MOV, WebM; raw body or multipart field 'file') to storage")
        .access(Access.USER)
        .response(UploadResponse.class)
        .status(201)
        .errors(UPLOAD_ERRORS)
        .handle(ctx -> upload(ctx, UploadMedia.Purpose.VIDEO));
    routes
        .post("/api/v1/upload/thumbnail")
        .summary("Stream a thumbnail (JPEG, PNG, WebP; raw body or multipart field 'file')")
        .access(Access.USER)
        .response(UploadResponse.class)
        .status(201)
        .errors(UPLOAD_ERRORS)
        .handle(ctx -> upload(ctx, UploadMedia.Purpose.THUMBNAIL));

    routes.tag("videos");
    routes
        .post("/api/v1/videos")
        .summary("Create an unpublished video from your uploads")
        .access(Access.USER)
        .request(CreateVideoRequest.class)
        .response(VideoCard.class)
        .status(201)
        .errors(
            "validation_failed",
            "unknown_category",
            "unknown_tag",
            "unknown_upload",
            "upload_not_owned",
            "wrong_upload_kind",
            "upload_already_used")
        .handle(
            ctx -> {
              long userId = principals.require(ctx).userId();
              CreateVideoRequest b = requests.body(ctx, CreateVideoRequest.class);
              Video video =
                  createVideo.execute(
                      new CreateVideo.Command(
                          userId,
                          b.title(),
                          b.description(),
                          b.categoryId(),
                          b.tagIds(),
                          b.accessTier(),
                          b.videoKey(),
                          b.thumbnailKey(),
                          b.durationSeconds()));
              ctx.status(201).json(VideoCard.of(new GetVideo.Details(video, false, true)));
            });
    routes
        .get("/api/v1/videos/{id}")
        .guestSession()
        .summary(
            "A video's metadata; owner-only fields for the owner; 404 if unpublished or hidden")
        .response(VideoCard.class)
        .errors("video_not_found")
        .handle(
            ctx ->
                ctx.json(
                    VideoCard.of(getVideo.execute(Requests.pathId(ctx, "id"), viewers.of(ctx)))));
    routes
        .patch("/api/v1/videos/{id}")
        .summary("Edit a video's fields (owner)")
        .access(Access.USER)
        .request(EditVideoRequest.class)
        .response(VideoCard.class)
        .errors(
            "validation_failed", "not_owner", "video_not_found", "unknown_category", "unknown_tag")
        .handle(
            ctx -> {
              long userId = principals.require(ctx).userId();
              long id = Requests.pathId(ctx, "id");
              EditVideoRequest b = requests.body(ctx, EditVideoRequest.class);
              Video video =
                  editVideo.execute(
                      new EditVideo.Command(
                          userId,
                          id,
                          b.title(),
                          b.description(),
                          b.categoryId(),
                          b.tagIds(),
                          b.accessTier(),
                          b.thumbnailKey()));
              ctx.json(VideoCard.of(new GetVideo.Details(video, false, true)));
            });
    routes
        .post("/api/v1/videos/{id}/toggle-publish")
        .summary("Publish or unpublish (owner); publishing emits fenz.video.published")
        .access(Access.USER)
        .response(VideoCard.class)
        .errors("not_owner", "video_not_found")
        .handle(
            ctx ->
                ctx.json(
                    VideoCard.of(
                        new GetVideo.Details(
                            togglePublish.execute(
                                principals.require(ctx).userId(), Requests.pathId(ctx, "id")),
                            false,
                            true))));
    routes
        .delete("/api/v1/videos/{id}")
        .summary("Delete an unpublished video and its media (owner)")
        .access(Access.USER)
        .status(204)
        .errors("video_published", "not_owner", "video_not_found")
        .handle(
            ctx -> {
              deleteVideo.execute(principals.require(ctx).userId(), Requests.pathId(ctx, "id"));
              ctx.status(204);
            });
    routes
        .get("/api/v1/videos/{id}/playback")
        .guestSession()
        .summary("A short-lived signed stream URL, if the viewer may watch")
        .response(PlaybackResponse.class)
        .errors("video_not_found", "subscription_required", "membership_required")
        .handle(
            ctx -> {
              AuthorizePlayback.Grant grant =
                  authorizePlayback.execute(Requests.pathId(ctx, "id"), viewers.of(ctx));
              ctx.header("Cache-Control", "no-store")
                  .json(new PlaybackResponse(grant.url(), grant.expiresAt()));
            });
    routes
        .get("/api/v1/videos/{id}/stream")
        .summary("Media bytes for a signed URL; honours Range (206)")
        .access(Access.SIGNATURE)
        .errors("invalid_signature", "playback_expired", "range_not_satisfiable")
        .handle(
            ctx ->
                MediaResponses.write(
                    ctx,
                    openStream.execute(
                        new OpenStream.Command(
                            Requests.pathId(ctx, "id"),
                            ctx.queryParam("viewer"),
                            ctx.queryParam("exp"),
                            ctx.queryParam("sig"),
                            ctx.header("Range"))),
                    "private, no-store"));
    routes
        .post("/api/v1/videos/{id}/views")
        .guestSession()
        .summary(
            "Count a view (user, or guest with X-Session-Id): once per viewer per video per 30 min, guests at most"
                + " FENZ_GUEST_VIEWS_PER_ADDRESS per client address; the owner's own views never count")
        .response(ViewResponse.class)
        .status(202)
        .errors(
            "session_required",
            "invalid_session_id",
            "video_not_found",
            "subscription_required",
            "membership_required")
        .handle(
            ctx ->
                ctx.status(202)
                    .json(
                        new ViewResponse(
                            recordView.execute(
                                Requests.pathId(ctx, "id"),
                                viewers.of(ctx),
                                clientAddress.of(ctx)))));
    routes
        .get("/api/v1/videos/{id}/thumbnail")
        .guestSession()
        .summary("The thumbnail of a listed video (public for every tier)")
        .errors("video_not_found", "no_thumbnail")
        .handle(
            ctx -> {
              Viewer viewer = viewers.of(ctx);
              MediaResponses.write(
                  ctx,
                  openThumbnail.execute(Requests.pathId(ctx, "id"), viewer.userId()),
                  "public, max-age=300");
            });
  }

  private void upload(Context ctx, UploadMedia.Purpose purpose) throws Exception {
    long userId = principals.require(ctx).userId();
    String contentType = ctx.contentType();
    UploadMedia.Result result;
    InputStream body = MinimumRate.of(ctx.req().getInputStream(), minDataRate);
    if (contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      try (InputStream in = MultipartFile.open(body, contentType, "file")) {
        result = uploadMedia.execute(new UploadMedia.Command(userId, purpose, in, -1));
      }
    } else {
      try (InputStream in = body) {
        result =
            uploadMedia.execute(
                new UploadMedia.Command(userId, purpose, in, ctx.req().getContentLengthLong()));
      }
    }
    ctx.status(201).json(new UploadResponse(result.key(), result.size(), result.contentType()));
  }
}
