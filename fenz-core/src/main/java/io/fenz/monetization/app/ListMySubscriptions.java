package io.fenz.monetization.app;

import io.fenz.monetization.domain.ChannelProfile;
import io.fenz.monetization.port.ChannelRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

public final class ListMySubscriptions {
  private final ChannelRepository channels;

  @Inject
  public ListMySubscriptions(ChannelRepository channels) {
    this.channels = channels;
  }

  public Page<ChannelProfile> execute(long userId, PageRequest page) {
    return UseCaseSpan.call("ListMySubscriptions", () -> perform(userId, page));
  }

  private Page<ChannelProfile> perform(long userId, PageRequest page) {
    return channels.subscriptionsOf(userId, page);
  }
}
