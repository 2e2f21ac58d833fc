package io.fenz.identity.domain;

/**
 * What a valid access token says: who, which login session ({@code sessionId}, the refresh-token
 * family) and the account's session generation when it was issued. Tokens from before sessions were
 * tracked carry no session id and generation 0.
 */
public record AccessClaims(long userId, Role role, String sessionId, long generation) {}
