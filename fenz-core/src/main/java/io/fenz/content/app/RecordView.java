package io.fenz.content.app;

import io.fenz.content.domain.View;
import io.fenz.content.domain.Viewer;
import io.fenz.content.domain.Watchable;
import io.fenz.content.port.ChannelAccess;
import io.fenz.content.port.ViewBuffer;
import io.fenz.content.port.ViewRepository;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * Counts a view of a video the viewer may watch, once per viewer (user, else guest session) per
 * video per 30 minutes, as a member or non-member view. The owner's own views are not counted: they
 * would let creators inflate their numbers by replaying. Listed videos come from {@link
 * RecentVideos} (an in-process directory), so a change of visibility applies to counting within
 * about a second. With Redis down the view goes straight to the database, deduplicated no more: an
 * outage may over-count, never lose. Guests choose their own session ids, so guest views of one
 * video from one client address are counted at most FENZ_GUEST_VIEWS_PER_ADDRESS times per window
 * (users are one account each).
 */
public final class RecordView {
  private static final Duration WINDOW = Duration.ofMinutes(30);
  private final RecentVideos videos;
  private final VideoAccess access;
  private final ChannelAccess channels;
  private final ViewBuffer buffer;
  private final ViewRepository views;
  private final Clock clock;
  private final Counter directWrites;
  private final Counter capped;
  private final Counter buffered;
  private final int guestViewsPerAddress;

  @Inject
  public RecordView(
      RecentVideos videos,
      VideoAccess access,
      ChannelAccess channels,
      ViewBuffer buffer,
      ViewRepository views,
      Clock clock,
      MeterRegistry meters,
      FenzConfig.Limits limits) {
    this.videos = videos;
    this.access = access;
    this.channels = channels;
    this.buffer = buffer;
    this.views = views;
    this.clock = clock;
    this.directWrites = meters.counter("fenz.views.direct_writes");
    this.capped = meters.counter("fenz.views.capped");
    this.buffered = meters.counter("fenz.views.buffered");
    this.guestViewsPerAddress = limits.guestViewsPerAddress();
  }

  /** True if this view was counted; {@code clientAddress}: where the request came from. */
  public boolean execute(long videoId, Viewer viewer, String clientAddress) {
    return UseCaseSpan.call("RecordView", () -> perform(videoId, viewer, clientAddress));
  }

  private boolean perform(long videoId, Viewer viewer, String clientAddress) {
    if (viewer.isAnonymous()) {
      throw FenzException.invalidInput(
          "session_required", "Sign in or send an X-Session-Id header.");
    }
    Watchable video = videos.visibleTo(videoId, viewer.userId());
    access.requireWatch(video, viewer);
    if (video.isOwnedBy(viewer.userId())) {
      return false;
    }
    boolean member = viewer.isUser() && channels.isMember(viewer.userId(), video.channelId());
    View view = new View(video.id(), viewer.userId(), viewer.key(), member, clock.instant());
    ViewBuffer.AddressCap cap =
        viewer.isUser()
            ? ViewBuffer.AddressCap.NONE
            : new ViewBuffer.AddressCap(clientAddress, guestViewsPerAddress);
    return switch (buffer.add(view, WINDOW, cap)) {
      case COUNTED -> {
        buffered.increment();
        yield true;
      }
      case REPEAT -> false;
      case CAPPED -> {
        capped.increment();
        yield false;
      }
      case UNAVAILABLE -> {
        views.add(view);
        directWrites.increment();
        yield true;
      }
    };
  }
}
