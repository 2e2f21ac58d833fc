package io.fenz.content.port;

import java.util.Optional;

/** The channel a creator publishes into. */
public interface CreatorChannels {
  Optional<Long> channelIdOf(long userId);

  /** Deletes the user's channel (its videos go with it); false when it had none. */
  boolean deleteChannelOf(long userId);
}
