package io.fenz.monetization.app;

import io.fenz.monetization.domain.ChannelProfile;
import io.fenz.monetization.port.ChannelRepository;
import io.fenz.platform.error.FenzException;
import jakarta.inject.Inject;
import java.time.Clock;

/** Free subscription: idempotent; you can't subscribe to your own channel. */
public final class Subscribe {
  private final ChannelRepository channels;
  private final GetChannel getChannel;
  private final Clock clock;

  @Inject
  public Subscribe(ChannelRepository channels, GetChannel getChannel, Clock clock) {
    this.channels = channels;
    this.getChannel = getChannel;
    this.clock = clock;
  }

  public ChannelProfile execute(long userId, long channelId) {
    ChannelProfile channel = getChannel.execute(channelId, userId);
    if (channel.ownerId() == userId) {
      throw FenzException.conflict("cannot_subscribe_self", "You can't subscribe to your own channel.");
    }
    channels.subscribe(userId, channelId, clock.instant());
    return getChannel.execute(channelId, userId);
  }

  public void undo(long userId, long channelId) {
    getChannel.execute(channelId, userId);
    channels.unsubscribe(userId, channelId);
  }
}
