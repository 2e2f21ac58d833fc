package io.fenz.content.domain;

import io.fenz.platform.error.FenzException;
import java.util.UUID;
import java.util.regex.Pattern;

/** Who is looking: a signed-in user, or a guest known only by the SPA's session id (or neither). */
public record Viewer(Long userId, String sessionId) {
  private static final Pattern UUID_TEXT = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  public static Viewer user(long userId) {
    return new Viewer(userId, null);
  }

  /** Validates the X-Session-Id value: a UUID, or 400 {@code invalid_session_id}. */
  public static String sessionId(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    if (!UUID_TEXT.matcher(raw.strip()).matches()) {
      throw FenzException.invalidInput("invalid_session_id", "X-Session-Id must be a UUID.");
    }
    return UUID.fromString(raw.strip()).toString();
  }

  public boolean isUser() {
    return userId != null;
  }

  public boolean isAnonymous() {
    return userId == null && sessionId == null;
  }

  /** {@code u:{userId}} for a user, else {@code s:{sessionId}}: who a per-viewer limit or view record is about. */
  public String key() {
    return isUser() ? "u:" + userId : "s:" + sessionId;
  }
}
