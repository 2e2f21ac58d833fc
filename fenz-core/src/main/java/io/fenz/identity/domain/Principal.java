package io.fenz.identity.domain;

/** Who is calling, as proven by a valid access token. */
public record Principal(long userId, Role role) {}
