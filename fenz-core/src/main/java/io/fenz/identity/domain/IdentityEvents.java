package io.fenz.identity.domain;

/** The identity context's event subjects; payload {userId}. */
public final class IdentityEvents {
  /** The account and everything it owns left every listing. */
  public static final String USER_HIDDEN = "fenz.identity.user_hidden";

  /** A hidden account is visible again. */
  public static final String USER_RESTORED = "fenz.identity.user_restored";

  private IdentityEvents() {}
}
