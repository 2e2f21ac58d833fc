package io.fenz.identity.domain;

/** A user as shown to itself and to admins: the account plus the id of its channel. */
public record Profile(User user, Long channelId) {}
