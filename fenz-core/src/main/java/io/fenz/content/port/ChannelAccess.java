package io.fenz.content.port;

/** What the monetization context knows about a viewer's relation to a channel. */
public interface ChannelAccess {
  boolean isSubscriber(long userId, long channelId);

  /** An active paid membership (or a canceled one still inside its paid period). */
  boolean isMember(long userId, long channelId);
}
