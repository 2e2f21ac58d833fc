package io.fenz.content.app;

import io.fenz.content.domain.Viewer;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;

/**
 * A channel's published videos, newest first, each marked locked when the viewer can't watch it.
 */
public final class ListChannelVideos {
  private final VideoRepository videos;
  private final VideoAccess access;

  @Inject
  public ListChannelVideos(VideoRepository videos, VideoAccess access) {
    this.videos = videos;
    this.access = access;
  }

  public Page<GetVideo.Details> execute(long channelId, Viewer viewer, PageRequest page) {
    return UseCaseSpan.call("ListChannelVideos", () -> perform(channelId, viewer, page));
  }

  private Page<GetVideo.Details> perform(long channelId, Viewer viewer, PageRequest page) {
    var found = videos.listByChannel(channelId, false, page);
    return new Page<>(
        found.items().stream()
            .map(
                v ->
                    new GetVideo.Details(
                        v, !access.canWatch(v, viewer), v.isOwnedBy(viewer.userId())))
            .toList(),
        found.page(),
        found.pageSize(),
        found.total());
  }
}
