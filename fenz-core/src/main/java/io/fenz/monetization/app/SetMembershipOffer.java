package io.fenz.monetization.app;

import io.fenz.monetization.domain.ChannelProfile;
import io.fenz.monetization.port.ChannelRepository;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.Validator;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/**
 * The creator sets the monthly membership price of their channel (minor units); existing members
 * keep what they pay.
 */
public final class SetMembershipOffer {
  public record Command(long userId, Long price, String currency) {}

  private final ChannelRepository channels;

  @Inject
  public SetMembershipOffer(ChannelRepository channels) {
    this.channels = channels;
  }

  public ChannelProfile execute(Command c) {
    return UseCaseSpan.call("SetMembershipOffer", () -> perform(c));
  }

  private ChannelProfile perform(Command c) {
    AmountRules.check(new Validator(), "price", c.price(), c.currency()).throwIfInvalid();
    long channelId =
        channels
            .channelIdOf(c.userId())
            .orElseThrow(() -> FenzException.notFound("channel_not_found", "You have no channel."));
    channels.setMembershipOffer(channelId, c.price(), c.currency());
    return channels.findProfile(channelId).orElseThrow();
  }
}
