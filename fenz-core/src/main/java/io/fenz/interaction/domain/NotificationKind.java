package io.fenz.interaction.domain;

import java.util.Locale;

/** What a notification tells; {@link #code()} is the API's and the table's value. */
public enum NotificationKind {
  VIDEO_PUBLISHED,
  NEW_SUBSCRIBER,
  NEW_MEMBER,
  DONATION_RECEIVED,
  MEMBERSHIP_ENDING;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
