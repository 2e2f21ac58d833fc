package io.fenz.content.app;

import io.fenz.content.domain.Tag;
import io.fenz.content.domain.Viewer;
import io.fenz.content.port.TagPreferenceRepository;
import io.fenz.content.port.TagRepository;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.FieldError;
import io.fenz.platform.error.Validator;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Replaces the viewer's tags: at most five distinct existing tags. */
public final class SetMyTags {
  public static final int MAX_TAGS = 5;

  private final TagPreferenceRepository preferences;
  private final TagRepository tags;

  @Inject
  public SetMyTags(TagPreferenceRepository preferences, TagRepository tags) {
    this.preferences = preferences;
    this.tags = tags;
  }

  public List<Tag> execute(Viewer viewer, List<Long> tagIds) {
    return UseCaseSpan.call("SetMyTags", () -> perform(viewer, tagIds));
  }

  private List<Tag> perform(Viewer viewer, List<Long> tagIds) {
    new Validator()
        .required("tagIds", tagIds)
        .check(
            tagIds == null || tagIds.stream().allMatch(id -> id != null && id > 0),
            "tagIds",
            "invalid_id",
            "tagIds must be positive ids.")
        .throwIfInvalid();
    List<Long> distinct = List.copyOf(new LinkedHashSet<>(tagIds));
    if (distinct.size() > MAX_TAGS) {
      throw new FenzException(
          io.fenz.platform.error.ErrorKind.UNPROCESSABLE,
          "tag_limit_exceeded",
          "Pick at most " + MAX_TAGS + " tags.",
          List.of(new FieldError("tagIds", "tag_limit_exceeded", "At most " + MAX_TAGS + " tags.")),
          java.util.Map.of("maxTags", MAX_TAGS));
    }
    Set<Long> existing = tags.existingIds(distinct);
    if (existing.size() != distinct.size()) {
      throw new FenzException(
          io.fenz.platform.error.ErrorKind.UNPROCESSABLE,
          "unknown_tag",
          "Some tags don't exist.",
          distinct.stream()
              .filter(id -> !existing.contains(id))
              .map(id -> new FieldError("tagIds", "unknown_tag", "Tag " + id + " doesn't exist."))
              .toList(),
          java.util.Map.of());
    }
    if (viewer.isUser()) {
      preferences.replaceForUser(viewer.userId(), distinct);
    } else if (viewer.sessionId() != null) {
      preferences.replaceForSession(viewer.sessionId(), distinct);
    } else {
      throw FenzException.invalidInput(
          "session_required", "Sign in or send an X-Session-Id header.");
    }
    return tags.findByIds(distinct);
  }
}
