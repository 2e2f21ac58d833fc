package io.fenz.monetization.app;

import io.fenz.monetization.domain.ChannelProfile;
import io.fenz.monetization.domain.Checkout;
import io.fenz.monetization.port.MembershipRepository;
import io.fenz.monetization.port.PaymentGateway;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Starts a Paddle checkout for a channel's monthly membership; the membership itself appears only
 * from Paddle's webhook.
 */
public final class JoinMembership {
  private final GetChannel getChannel;
  private final MembershipRepository memberships;
  private final PaymentGateway payments;
  private final Clock clock;

  @Inject
  public JoinMembership(
      GetChannel getChannel,
      MembershipRepository memberships,
      PaymentGateway payments,
      Clock clock) {
    this.getChannel = getChannel;
    this.memberships = memberships;
    this.payments = payments;
    this.clock = clock;
  }

  public Checkout.Started execute(long userId, long channelId) {
    return UseCaseSpan.call("JoinMembership", () -> perform(userId, channelId));
  }

  private Checkout.Started perform(long userId, long channelId) {
    ChannelProfile channel = getChannel.execute(channelId, userId);
    if (channel.ownerId() == userId) {
      throw FenzException.conflict(
          "cannot_join_own_channel", "You can't become a member of your own channel.");
    }
    if (channel.membershipPrice() == null || channel.currency() == null) {
      throw FenzException.conflict(
          "membership_not_offered", "This channel does not offer memberships.");
    }
    if (memberships.of(userId, channelId).stream().anyMatch(m -> m.isActive(clock.instant()))) {
      throw FenzException.conflict("already_member", "You are already a member of this channel.");
    }
    return payments.start(
        new Checkout(
            Checkout.Kind.MEMBERSHIP,
            userId,
            channelId,
            null,
            null,
            channel.membershipPrice(),
            channel.currency(),
            "FenzVideo membership: " + channel.name()));
  }
}
