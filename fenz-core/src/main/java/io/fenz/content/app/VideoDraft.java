package io.fenz.content.app;

import io.fenz.content.domain.MediaKind;
import io.fenz.content.domain.Upload;
import io.fenz.content.domain.VideoRules;
import io.fenz.content.port.CategoryRepository;
import io.fenz.content.port.MediaStore;
import io.fenz.content.port.MediaTools;
import io.fenz.content.port.TagRepository;
import io.fenz.content.port.UploadRepository;
import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.FieldError;
import io.fenz.platform.error.Validator;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks shared by create and edit: field rules, referenced category/tags exist, uploads belong to
 * the caller.
 */
public final class VideoDraft {
  private static final Duration PROBE_URL_TTL = Duration.ofMinutes(5);
  private final CategoryRepository categories;
  private final TagRepository tags;
  private final UploadRepository uploads;
  private final MediaStore store;
  private final MediaTools tools;

  @Inject
  public VideoDraft(
      CategoryRepository categories,
      TagRepository tags,
      UploadRepository uploads,
      MediaStore store,
      MediaTools tools) {
    this.categories = categories;
    this.tags = tags;
    this.uploads = uploads;
    this.store = store;
    this.tools = tools;
  }

  public void validateFields(
      String title, String description, List<Long> tagIds, Integer durationSeconds) {
    Validator v = new Validator();
    VideoRules.title(v, title);
    VideoRules.description(v, description);
    VideoRules.tags(v, tagIds);
    VideoRules.duration(v, durationSeconds);
    v.throwIfInvalid();
  }

  public List<Long> existingTags(List<Long> tagIds) {
    List<Long> distinct = List.copyOf(new LinkedHashSet<>(tagIds));
    Set<Long> found = tags.existingIds(distinct);
    List<FieldError> missing =
        distinct.stream()
            .filter(id -> !found.contains(id))
            .map(id -> new FieldError("tagIds", "unknown_tag", "Tag " + id + " doesn't exist."))
            .toList();
    if (!missing.isEmpty()) {
      throw new FenzException(
          ErrorKind.UNPROCESSABLE, "unknown_tag", "Some tags don't exist.", missing, Map.of());
    }
    return distinct;
  }

  public void requireCategory(Long categoryId) {
    if (categoryId != null && !categories.exists(categoryId)) {
      throw new FenzException(
          ErrorKind.UNPROCESSABLE,
          "unknown_category",
          "No such category.",
          List.of(
              new FieldError(
                  "categoryId", "unknown_category", "Category " + categoryId + " doesn't exist.")),
          Map.of());
    }
  }

  /** The caller's pending upload of the right kind, or a 403/422 naming the field. */
  public Upload ownUpload(String field, String key, long userId, boolean video) {
    Upload upload =
        uploads
            .find(key)
            .orElseThrow(
                () ->
                    new FenzException(
                        ErrorKind.UNPROCESSABLE,
                        "unknown_upload",
                        "No pending upload with this key.",
                        List.of(
                            new FieldError(
                                field, "unknown_upload", field + " is not a pending upload.")),
                        Map.of()));
    if (upload.userId() != userId) {
      throw FenzException.forbidden("upload_not_owned", "This upload belongs to someone else.");
    }
    MediaKind kind = upload.kind();
    if (kind.isVideo() != video) {
      throw new FenzException(
          ErrorKind.UNPROCESSABLE,
          "wrong_upload_kind",
          field + " is not a " + (video ? "video" : "image") + ".",
          List.of(new FieldError(field, "wrong_upload_kind", field + " has the wrong media kind.")),
          Map.of());
    }
    return upload;
  }

  /**
   * The upload decodes as its kind (ffprobe/ffmpeg), or 422 {@code invalid_media}: first bytes
   * alone let through 12-byte "videos" and HTML with an MP4 header. Without the tools, the upload's
   * first bytes were the check.
   */
  public MediaTools.Probe requireDecodable(String field, String key, boolean video) {
    MediaTools.Probe probe = tools.probe(store.presignedGet(key, PROBE_URL_TTL), video);
    if (probe.verdict() == MediaTools.Verdict.INVALID) {
      String what = video ? "a playable video" : "a readable image";
      throw new FenzException(
          ErrorKind.UNPROCESSABLE,
          "invalid_media",
          field + " is not " + what + ".",
          List.of(new FieldError(field, "invalid_media", field + " is not " + what + ".")),
          Map.of());
    }
    return probe;
  }

  public void claim(String key) {
    if (!uploads.claim(key)) {
      throw FenzException.conflict(
          "upload_already_used", "This upload is already used by a video.");
    }
  }
}
