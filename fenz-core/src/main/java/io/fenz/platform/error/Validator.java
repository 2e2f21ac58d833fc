package io.fenz.platform.error;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Collects every broken field rule of one input so the client sees them all at once. */
public final class Validator {
  /**
   * An address a mail server would take: the local part is letters, digits and RFC 5322's atom
   * symbols in dot-separated runs (no quotes, brackets, angle brackets or spaces), the domain two
   * or more labels of letters, digits and inner hyphens. Letters may be any script
   * (internationalised addresses).
   */
  private static final String ATOM = "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+";

  private static final String LABEL =
      "[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]*[\\p{L}\\p{M}\\p{N}])?";
  private static final Pattern EMAIL =
      Pattern.compile(
          "^(?=[^@]{1,64}@)" + ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")+$");
  private final List<FieldError> errors = new ArrayList<>();

  public Validator required(String field, Object value) {
    if (value == null) {
      errors.add(new FieldError(field, "required", field + " is required."));
    }
    return this;
  }

  /** A token: absent and blank are the same missing value (never looked up). */
  public Validator requiredToken(String field, String value) {
    return required(field, value == null || value.isBlank() ? null : value);
  }

  /** Checks a trimmed text's length in code points; absent values are left to {@link #required}. */
  public Validator text(String field, String value, int min, int max) {
    if (value == null) {
      return this;
    }
    int length = value.strip().codePointCount(0, value.strip().length());
    if (length < min) {
      errors.add(
          new FieldError(
              field,
              min <= 1 ? "blank" : "too_short",
              field + " must have at least " + min + " characters."));
    } else if (length > max) {
      errors.add(
          new FieldError(field, "too_long", field + " must have at most " + max + " characters."));
    }
    return this;
  }

  public Validator email(String field, String value) {
    if (value != null && (value.length() > 254 || !EMAIL.matcher(value.strip()).matches())) {
      errors.add(new FieldError(field, "invalid_email", field + " is not a valid email address."));
    }
    return this;
  }

  public Validator check(boolean ok, String field, String code, String message) {
    if (!ok) {
      errors.add(new FieldError(field, code, message));
    }
    return this;
  }

  public void throwIfInvalid() {
    if (!errors.isEmpty()) {
      throw FenzException.validation(errors);
    }
  }
}
