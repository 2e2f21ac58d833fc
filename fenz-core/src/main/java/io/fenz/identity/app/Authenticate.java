package io.fenz.identity.app;

import io.fenz.identity.domain.AccessClaims;
import io.fenz.identity.domain.AccountState;
import io.fenz.identity.domain.Principal;
import io.fenz.identity.port.AccessTokenCodec;
import io.fenz.identity.port.AccountStates;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/**
 * Turns a bearer token into a principal, or fails with 401. A well-signed token is not enough: the
 * account must still exist and be visible, and the token's session must not have ended (logout,
 * password change, hide). The role comes from the account's current state, not the token. The state
 * is read from {@link AccountStates}, so the steady state costs no database round trip.
 */
public final class Authenticate {
  private final AccessTokenCodec accessTokens;
  private final AccountStates accounts;

  @Inject
  public Authenticate(AccessTokenCodec accessTokens, AccountStates accounts) {
    this.accessTokens = accessTokens;
    this.accounts = accounts;
  }

  public Principal execute(String bearerToken) {
    return UseCaseSpan.call("Authenticate", () -> perform(bearerToken));
  }

  private Principal perform(String bearerToken) {
    AccessClaims claims =
        accessTokens
            .verify(bearerToken)
            .orElseThrow(
                () ->
                    FenzException.unauthenticated(
                        "invalid_token", "The access token is invalid or expired."));
    AccountState state =
        accounts
            .find(claims.userId())
            .filter(s -> !s.hidden())
            .orElseThrow(
                () ->
                    FenzException.unauthenticated(
                        "account_unavailable", "This account was deleted or hidden."));
    if (claims.generation() != state.generation()
        || (claims.sessionId() != null && state.endedSessions().contains(claims.sessionId()))) {
      throw FenzException.unauthenticated(
          "session_revoked", "This session has ended; sign in again.");
    }
    return new Principal(claims.userId(), state.role());
  }
}
