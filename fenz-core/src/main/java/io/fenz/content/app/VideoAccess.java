package io.fenz.content.app;

import io.fenz.content.domain.Viewer;
import io.fenz.content.domain.Watchable;
import io.fenz.content.port.ChannelAccess;
import io.fenz.content.port.WatchPermission;
import io.fenz.platform.error.FenzException;
import jakarta.inject.Inject;

/**
 * The access rule for a video's media: owner always; tier 0 everyone; tier 1 the channel's
 * subscribers and members; tier 2 its paid members. Metadata of listed videos is public.
 */
public final class VideoAccess implements WatchPermission {
  private final ChannelAccess channels;

  @Inject
  public VideoAccess(ChannelAccess channels) {
    this.channels = channels;
  }

  @Override
  public boolean canWatch(Watchable video, Viewer viewer) {
    if (video.isOwnedBy(viewer.userId())) {
      return true;
    }
    if (!video.isListed()) {
      return false;
    }
    return switch (video.accessTier()) {
      case PUBLIC -> true;
      case SUBSCRIBERS ->
          viewer.isUser()
              && (channels.isSubscriber(viewer.userId(), video.channelId())
                  || channels.isMember(viewer.userId(), video.channelId()));
      case MEMBERS -> viewer.isUser() && channels.isMember(viewer.userId(), video.channelId());
    };
  }

  /** Throws the 403 that tells the viewer what would unlock the video. */
  public void requireWatch(Watchable video, Viewer viewer) {
    if (!canWatch(video, viewer)) {
      throw switch (video.accessTier()) {
        case SUBSCRIBERS ->
            FenzException.forbidden(
                "subscription_required", "Subscribe to this channel to watch this video.");
        case MEMBERS ->
            FenzException.forbidden(
                "membership_required", "This video is for the channel's paying members.");
        case PUBLIC -> FenzException.notFound("video_not_found", "No such video.");
      };
    }
  }
}
