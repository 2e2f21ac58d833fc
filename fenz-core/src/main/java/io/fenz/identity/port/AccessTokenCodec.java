package io.fenz.identity.port;

import io.fenz.identity.domain.Principal;
import java.time.Instant;
import java.util.Optional;

/** Signs and verifies stateless access tokens. */
public interface AccessTokenCodec {
  String issue(Principal principal, Instant issuedAt, Instant expiresAt);

  /** Empty for anything but a well-signed, unexpired access token of the expected algorithm. */
  Optional<Principal> verify(String token);
}
