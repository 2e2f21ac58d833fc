package io.fenz.monetization.app;

import io.fenz.monetization.domain.Membership;
import io.fenz.monetization.port.MembershipRepository;
import io.fenz.monetization.port.PaymentGateway;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;

/** Asks Paddle to end the membership when the paid period ends; access continues until then. */
public final class CancelMembership {
  private final GetChannel getChannel;
  private final MembershipRepository memberships;
  private final PaymentGateway payments;
  private final Clock clock;

  @Inject
  public CancelMembership(
      GetChannel getChannel,
      MembershipRepository memberships,
      PaymentGateway payments,
      Clock clock) {
    this.getChannel = getChannel;
    this.memberships = memberships;
    this.payments = payments;
    this.clock = clock;
  }

  /** The membership as stored after the request (with the simulator, already showing its end). */
  public ListMyMemberships.Item execute(long userId, long channelId) {
    return UseCaseSpan.call("CancelMembership", () -> perform(userId, channelId));
  }

  private ListMyMemberships.Item perform(long userId, long channelId) {
    getChannel.execute(channelId, userId);
    Membership billing =
        memberships.of(userId, channelId).stream()
            .filter(m -> Membership.BILLING.contains(m.status()) || m.status().equals("past_due"))
            .findFirst()
            .orElseThrow(
                () ->
                    FenzException.notFound(
                        "membership_not_found", "You have no running membership of this channel."));
    if (billing.cancelAt() != null) {
      throw FenzException.conflict(
          "membership_ending", "This membership already ends at the end of its period.");
    }
    payments.cancelAtPeriodEnd(billing.subscriptionId());
    Membership now =
        memberships.of(userId, channelId).stream()
            .filter(m -> m.id() == billing.id())
            .findFirst()
            .orElse(billing);
    return new ListMyMemberships.Item(now, now.isActive(clock.instant()));
  }
}
