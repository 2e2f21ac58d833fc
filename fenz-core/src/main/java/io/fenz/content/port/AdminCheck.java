package io.fenz.content.port;

/** Whether a user currently is a visible administrator (asked of the identity context). */
public interface AdminCheck {
  boolean isAdmin(long userId);
}
