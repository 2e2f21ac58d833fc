package io.fenz.monetization.app;

import io.fenz.monetization.domain.ChannelProfile;
import io.fenz.monetization.port.ChannelRepository;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** A channel's public page; a hidden owner's channel is 404 to everyone but the owner. */
public final class GetChannel {
  private final ChannelRepository channels;

  @Inject
  public GetChannel(ChannelRepository channels) {
    this.channels = channels;
  }

  public ChannelProfile execute(long channelId, Long viewerId) {
    return UseCaseSpan.call("GetChannel", () -> perform(channelId, viewerId));
  }

  private ChannelProfile perform(long channelId, Long viewerId) {
    return channels
        .findProfile(channelId)
        .filter(c -> !c.ownerHidden() || (viewerId != null && viewerId == c.ownerId()))
        .orElseThrow(() -> FenzException.notFound("channel_not_found", "No such channel."));
  }
}
