package io.fenz.content.port;

import java.util.Optional;

/** The channel a creator publishes into. */
public interface CreatorChannels {
  Optional<Long> channelIdOf(long userId);
}
