package io.fenz.content.app;

import io.fenz.content.port.CreatorChannels;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/** DELETE /me/channel: the channel and its videos go, the account stays (collect-then-delete). */
public final class DeleteMyChannel {
  private final CreatorChannels channels;
  private final AccountContent content;
  private final TransactionRunner transactions;

  @Inject
  public DeleteMyChannel(
      CreatorChannels channels, AccountContent content, TransactionRunner transactions) {
    this.channels = channels;
    this.content = content;
    this.transactions = transactions;
  }

  public void execute(long userId) {
    UseCaseSpan.run("DeleteMyChannel", () -> perform(userId));
  }

  private void perform(long userId) {
    transactions.inTransaction(
        () -> {
          content.removing(userId);
          if (!channels.deleteChannelOf(userId)) {
            throw FenzException.notFound("channel_not_found", "You have no channel.");
          }
        });
  }
}
