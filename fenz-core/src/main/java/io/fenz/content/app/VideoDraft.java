package io.fenz.content.app;

import io.fenz.content.domain.MediaKind;
import io.fenz.content.domain.Upload;
import io.fenz.content.domain.VideoRules;
import io.fenz.content.port.CategoryRepository;
import io.fenz.content.port.TagRepository;
import io.fenz.content.port.UploadRepository;
import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.FieldError;
import io.fenz.platform.error.Validator;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks shared by create and edit: field rules, referenced category/tags exist, uploads belong to the caller. */
public final class VideoDraft {
  private final CategoryRepository categories;
  private final TagRepository tags;
  private final UploadRepository uploads;

  @Inject
  public VideoDraft(CategoryRepository categories, TagRepository tags, UploadRepository uploads) {
    this.categories = categories;
    this.tags = tags;
    this.uploads = uploads;
  }

  public void validateFields(String title, String description, List<Long> tagIds, Integer durationSeconds) {
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
    List<FieldError> missing = distinct.stream().filter(id -> !found.contains(id))
        .map(id -> new FieldError("tagIds", "unknown_tag", "Tag " + id + " doesn't exist.")).toList();
    if (!missing.isEmpty()) {
      throw new FenzException(ErrorKind.UNPROCESSABLE, "unknown_tag", "Some tags don't exist.", missing, Map.of());
    }
    return distinct;
  }

  public void requireCategory(Long categoryId) {
    if (categoryId != null && !categories.exists(categoryId)) {
      throw new FenzException(ErrorKind.UNPROCESSABLE, "unknown_category", "No such category.",
          List.of(new FieldError("categoryId", "unknown_category", "Category " + categoryId + " doesn't exist.")), Map.of());
    }
  }

  /** The caller's pending upload of the right kind, or a 403/422 naming the field. */
  public Upload ownUpload(String field, String key, long userId, boolean video) {
    Upload upload = uploads.find(key).orElseThrow(() -> new FenzException(ErrorKind.UNPROCESSABLE, "unknown_upload",
        "No pending upload with this key.", List.of(new FieldError(field, "unknown_upload", field + " is not a pending upload.")), Map.of()));
    if (upload.userId() != userId) {
      throw FenzException.forbidden("upload_not_owned", "This upload belongs to someone else.");
    }
    MediaKind kind = upload.kind();
    if (kind.isVideo() != video) {
      throw new FenzException(ErrorKind.UNPROCESSABLE, "wrong_upload_kind", field + " is not a " + (video ? "video" : "image") + ".",
          List.of(new FieldError(field, "wrong_upload_kind", field + " has the wrong media kind.")), Map.of());
    }
    return upload;
  }

  public void claim(String key) {
    if (!uploads.claim(key)) {
      throw FenzException.conflict("upload_already_used", "This upload is already used by a video.");
    }
  }
}
