package io.fenz.monetization.app;

import io.fenz.monetization.domain.Checkout;
import io.fenz.monetization.port.CreatorContent;
import io.fenz.monetization.port.DonationRepository;
import io.fenz.monetization.port.PaymentGateway;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.Validator;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * A tip (抖內) on a video: opens a Paddle checkout and records the donation as pending. Only Paddle's
 * webhook makes it paid, with the amount Paddle actually charged.
 */
public final class StartDonation {
  public static final int MAX_MESSAGE = 200;

  public record Command(long userId, long videoId, Long amount, String currency, String message) {}

  public record Started(
      long donationId, String transactionId, String checkoutUrl, String clientToken) {}

  private final CreatorContent content;
  private final DonationRepository donations;
  private final PaymentGateway payments;
  private final Clock clock;

  @Inject
  public StartDonation(
      CreatorContent content, DonationRepository donations, PaymentGateway payments, Clock clock) {
    this.content = content;
    this.donations = donations;
    this.payments = payments;
    this.clock = clock;
  }

  public Started execute(Command c) {
    return UseCaseSpan.call("StartDonation", () -> perform(c));
  }

  private Started perform(Command c) {
    String message = c.message() == null ? "" : c.message().strip();
    AmountRules.check(new Validator(), "amount", c.amount(), c.currency())
        .text("message", message, 0, MAX_MESSAGE)
        .throwIfInvalid();
    CreatorContent.VideoRef video = content.visibleVideo(c.videoId(), c.userId());
    if (video.ownerId() == c.userId()) {
      throw FenzException.conflict("cannot_tip_self", "You can't tip your own video.");
    }
    Checkout.Started started =
        payments.start(
            new Checkout(
                Checkout.Kind.DONATION,
                c.userId(),
                video.channelId(),
                video.id(),
                message,
                c.amount(),
                c.currency(),
                "FenzVideo tip: " + video.title()));
    long id =
        donations.createPending(
            c.userId(),
            video.channelId(),
            video.id(),
            c.amount(),
            c.currency(),
            message,
            started.transactionId(),
            clock.instant());
    return new Started(id, started.transactionId(), started.checkoutUrl(), started.clientToken());
  }
}
