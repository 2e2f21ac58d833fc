package io.fenz.identity.domain;

import io.fenz.platform.error.Validator;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
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

  /**
   * The form two spellings of one address share, and the unique key of accounts: NFKC (fullwidth
   * and other compatibility forms fold), case folded (upper then lower, so "ß" and "SS" meet), and
   * default-ignorable characters (zero-width spaces, joiners, bidi controls, variation selectors)
   * removed. Accents stay: "víctim@" and "victim@" are different addresses.
   */
  public static String canonicalEmail(String email) {
    if (email == null) {
      return null;
    }
    String folded =
        Normalizer.normalize(email.strip(), Normalizer.Form.NFKC)
            .toUpperCase(Locale.ROOT)
            .toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(folded.length());
    folded.codePoints().filter(cp -> !isDefaultIgnorable(cp)).forEach(out::appendCodePoint);
    return Normalizer.normalize(out, Normalizer.Form.NFKC);
  }

  /**
   * Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt), which
   * java.lang.Character lacks.
   */
  static boolean isDefaultIgnorable(int cp) {
    return cp == 0x00AD
        || cp == 0x034F
        || cp == 0x061C
        || cp == 0x115F
        || cp == 0x1160
        || cp == 0x17B4
        || cp == 0x17B5
        || (cp >= 0x180B && cp <= 0x180F)
        || (cp >= 0x200B && cp <= 0x200F)
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2060 && cp <= 0x206F)
        || cp == 0x3164
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || cp == 0xFEFF
        || cp == 0xFFA0
        || (cp >= 0xFFF0 && cp <= 0xFFF8)
        || (cp >= 0x1BCA0 && cp <= 0x1BCA3)
        || (cp >= 0x1D173 && cp <= 0x1D17A)
        || (cp >= 0xE0000 && cp <= 0xE0FFF);
  }

  public static String normalizeDisplayName(String displayName) {
    return displayName == null ? null : displayName.strip();
  }

  public static Validator email(Validator v, String field, String email) {
    return v.required(field, email).email(field, email);
  }

  public static Validator displayName(Validator v, String field, String displayName) {
    return v.required(field, displayName)
        .text(field, displayName, 1, DISPLAY_NAME_MAX)
        .check(
            displayName == null || displayName.codePoints().noneMatch(Character::isISOControl),
            field,
            "invalid_characters",
            field + " must not contain control characters.");
  }

  public static Validator password(Validator v, String field, String password) {
    v.required(field, password);
    if (password != null) {
      v.check(
          password.codePointCount(0, password.length()) >= PASSWORD_MIN,
          field,
          "too_short",
          field + " must have at least " + PASSWORD_MIN + " characters.");
      v.check(
          password.getBytes(StandardCharsets.UTF_8).length <= PASSWORD_MAX_BYTES,
          field,
          "too_long",
          field + " must be at most " + PASSWORD_MAX_BYTES + " bytes.");
    }
    return v;
  }
}
