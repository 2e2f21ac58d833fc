package io.fenz.monetization.domain;

import java.time.Instant;

/**
 * A channel as its page shows it. Price is in minor units of {@code currency}, null when
 * memberships are off.
 */
public record ChannelProfile(
    long id,
    String name,
    String description,
    long ownerId,
    boolean ownerHidden,
    long subscriberCount,
    long videoCount,
    Long membershipPrice,
    String currency,
    Instant createdAt) {}
