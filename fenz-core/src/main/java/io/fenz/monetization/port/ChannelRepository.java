package io.fenz.monetization.port;

import io.fenz.monetization.domain.ChannelProfile;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import java.time.Instant;
import java.util.Optional;

public interface ChannelRepository {
  Optional<ChannelProfile> findProfile(long channelId);

  Optional<Long> channelIdOf(long userId);

  /** The monthly membership price in minor units of {@code currency}. */
  void setMembershipOffer(long channelId, long price, String currency);

  /** Idempotent; false when already subscribed. */
  boolean subscribe(long userId, long channelId, Instant at);

  boolean unsubscribe(long userId, long channelId);

  /** Channels the user follows, visible ones only, newest subscription first. */
  Page<ChannelProfile> subscriptionsOf(long userId, PageRequest page);
}
