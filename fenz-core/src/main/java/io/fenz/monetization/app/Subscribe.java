package io.fenz.monetization.app;

import io.fenz.monetization.domain.ChannelProfile;
import io.fenz.monetization.domain.MonetizationEvents;
import io.fenz.monetization.port.ChannelRepository;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.events.Outbox;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;

/**
 * Free subscription: idempotent (only a new one emits {@code fenz.monetization.subscribed}); you
 * can't subscribe to your own channel.
 */
public final class Subscribe {
  private final ChannelRepository channels;
  private final GetChannel getChannel;
  private final Outbox outbox;
  private final TransactionRunner transactions;
  private final Clock clock;

  @Inject
  public Subscribe(
      ChannelRepository channels,
      GetChannel getChannel,
      Outbox outbox,
      TransactionRunner transactions,
      Clock clock) {
    this.outbox = outbox;
    this.transactions = transactions;
    this.channels = channels;
    this.getChannel = getChannel;
    this.clock = clock;
  }

  public ChannelProfile execute(long userId, long channelId) {
    return UseCaseSpan.call("Subscribe", () -> perform(userId, channelId));
  }

  private ChannelProfile perform(long userId, long channelId) {
    ChannelProfile channel = getChannel.execute(channelId, userId);
    if (channel.ownerId() == userId) {
      throw FenzException.conflict(
          "cannot_subscribe_self", "You can't subscribe to your own channel.");
    }
    transactions.inTransaction(
        () -> {
          if (channels.subscribe(userId, channelId, clock.instant())) {
            outbox.append(
                MonetizationEvents.SUBSCRIBED,
                Map.of(
                    "userId", userId, "channelId", channelId, "creatorUserId", channel.ownerId()));
          }
        });
    return getChannel.execute(channelId, userId);
  }

  public void undo(long userId, long channelId) {
    getChannel.execute(channelId, userId);
    channels.unsubscribe(userId, channelId);
  }
}
