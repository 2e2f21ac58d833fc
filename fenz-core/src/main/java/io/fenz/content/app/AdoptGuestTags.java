package io.fenz.content.app;

import io.fenz.content.port.TagPreferenceRepository;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** After sign-in: a guest's tags move to the account when the account has none yet. */
public final class AdoptGuestTags {
  private final TagPreferenceRepository preferences;

  @Inject
  public AdoptGuestTags(TagPreferenceRepository preferences) {
    this.preferences = preferences;
  }

  public boolean execute(long userId, String sessionId) {
    return UseCaseSpan.call("AdoptGuestTags", () -> perform(userId, sessionId));
  }

  private boolean perform(long userId, String sessionId) {
    return sessionId != null && preferences.adoptSessionTags(sessionId, userId);
  }
}
