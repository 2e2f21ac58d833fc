package io.fenz.content.app;

import io.fenz.content.domain.Tag;
import io.fenz.content.domain.Viewer;
import io.fenz.content.port.TagPreferenceRepository;
import io.fenz.content.port.TagRepository;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.util.List;

/** The viewer's chosen tags (user, or guest by session id). */
public final class GetMyTags {
  private final TagPreferenceRepository preferences;
  private final TagRepository tags;

  @Inject
  public GetMyTags(TagPreferenceRepository preferences, TagRepository tags) {
    this.preferences = preferences;
    this.tags = tags;
  }

  public List<Tag> execute(Viewer viewer) {
    return UseCaseSpan.call("GetMyTags", () -> perform(viewer));
  }

  private List<Tag> perform(Viewer viewer) {
    return tags.findByIds(tagIdsOf(preferences, viewer));
  }

  static List<Long> tagIdsOf(TagPreferenceRepository preferences, Viewer viewer) {
    if (viewer.isUser()) {
      return preferences.ofUser(viewer.userId());
    }
    if (viewer.sessionId() != null) {
      return preferences.ofSession(viewer.sessionId());
    }
    throw FenzException.invalidInput("session_required", "Sign in or send an X-Session-Id header.");
  }
}
