package io.fenz.identity.domain;

import java.time.Instant;

/** An account. {@code passwordHash} never leaves the identity context's adapters and use cases. */
public record User(
    long id,
    String email,
    String passwordHash,
    String displayName,
    Role role,
    boolean hidden,
    Instant createdAt) {

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
