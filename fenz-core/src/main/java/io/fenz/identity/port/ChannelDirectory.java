package io.fenz.identity.port;

import java.util.Optional;

/** The channel every account owns (implemented by the monetization context). */
public interface ChannelDirectory {
  long createChannelFor(long userId, String name);

  Optional<Long> channelIdOf(long userId);
}
