package io.fenz.identity.domain;

/** A signed-in user with a fresh token pair: what register, login and refresh answer. */
public record Session(User user, TokenPair tokens) {}
