package io.fenz.identity.port;

import io.fenz.identity.domain.AccessClaims;
import java.time.Instant;
import java.util.Optional;

/**
 * Signs and verifies access tokens; verification alone says nothing about the account's current
 * state.
 */
public interface AccessTokenCodec {
  String issue(AccessClaims claims, Instant issuedAt, Instant expiresAt);

  /** The claims of a well-signed, unexpired token. */
  Optional<AccessClaims> verify(String token);
}
