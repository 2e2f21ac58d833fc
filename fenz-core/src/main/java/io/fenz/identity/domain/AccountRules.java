package io.fenz.identity.domain;

import io.fenz.platform.error.Validator;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Field rules for accounts, shared by registration, profile edits and admin edits. */
public final class AccountRules {
  public static final int PASSWORD_MIN = 8;
  /** bcrypt ignores bytes past 72, so longer passwords would silently be truncated. */
  public static final int PASSWORD_MAX_BYTES = 72;
  public static final int DISPLAY_NAME_MAX = 50;

  private AccountRules() {}

  public static String normalizeEmail(String email) {
    return email == null ? null : email.strip().toLowerCase(Locale.ROOT);
  }

  public static String normalizeDisplayName(String displayName) {
    return displayName == null ? null : displayName.strip();
  }

  public static Validator email(Validator v, String field, String email) {
    return v.required(field, email).email(field, email);
  }

  public static Validator displayName(Validator v, String field, String displayName) {
    return v.required(field, displayName).text(field, displayName, 1, DISPLAY_NAME_MAX)
        .check(displayName == null || displayName.codePoints().noneMatch(Character::isISOControl),
            field, "invalid_characters", field + " must not contain control characters.");
  }

  public static Validator password(Validator v, String field, String password) {
    v.required(field, password);
    if (password != null) {
      v.check(password.codePointCount(0, password.length()) >= PASSWORD_MIN, field, "too_short",
          field + " must have at least " + PASSWORD_MIN + " characters.");
      v.check(password.getBytes(StandardCharsets.UTF_8).length <= PASSWORD_MAX_BYTES, field, "too_long",
          field + " must be at most " + PASSWORD_MAX_BYTES + " bytes.");
    }
    return v;
  }
}
