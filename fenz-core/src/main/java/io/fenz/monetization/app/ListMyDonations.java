package io.fenz.monetization.app;

import io.fenz.monetization.domain.Donation;
import io.fenz.monetization.port.ChannelRepository;
import io.fenz.monetization.port.DonationRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import jakarta.inject.Inject;

/** Tips the caller sent, or received on their channel, newest first, whatever their status. */
public final class ListMyDonations {
  private final DonationRepository donations;
  private final ChannelRepository channels;

  @Inject
  public ListMyDonations(DonationRepository donations, ChannelRepository channels) {
    this.donations = donations;
    this.channels = channels;
  }

  public Page<Donation> sent(long userId, PageRequest page) {
    return donations.sentBy(userId, page);
  }

  public Page<Donation> received(long userId, PageRequest page) {
    return channels
        .channelIdOf(userId)
        .map(channelId -> donations.receivedBy(channelId, page))
        .orElseGet(() -> new Page<>(java.util.List.of(), page.page(), page.pageSize(), 0));
  }
}
