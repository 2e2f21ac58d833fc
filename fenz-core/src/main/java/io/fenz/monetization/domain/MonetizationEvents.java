package io.fenz.monetization.domain;

/** The monetization context's event subjects and payloads (ids are numbers). */
public final class MonetizationEvents {
  /** {userId, channelId, creatorUserId}: a new free subscription. */
  public static final String SUBSCRIBED = "fenz.monetization.subscribed";

  /** {donationId, fromUserId, channelId, creatorUserId, videoId (nullable), amount, currency}. */
  public static final String DONATION_PAID = "fenz.monetization.donation_paid";

  /** {userId, channelId, creatorUserId}. */
  public static final String MEMBER_JOINED = "fenz.monetization.member_joined";

  /** {userId, channelId, creatorUserId, endsAt}. */
  public static final String MEMBERSHIP_ENDING = "fenz.monetization.membership_ending";

  private MonetizationEvents() {}
}
