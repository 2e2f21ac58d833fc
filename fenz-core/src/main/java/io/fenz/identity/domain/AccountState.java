package io.fenz.identity.domain;

import java.util.Set;

/**
 * What every authenticated request checks: the account's role, whether it is hidden, its session
 * generation (bumped when all its sessions end) and the login sessions ended one by one (logout,
 * refresh-token theft) recently enough that their access tokens may still be unexpired.
 */
public record AccountState(
    long userId, Role role, boolean hidden, long generation, Set<String> endedSessions) {}
