package io.fenz.monetization.app;

import io.fenz.monetization.port.ChannelAnalytics;
import io.fenz.monetization.port.ChannelRepository;
import io.fenz.monetization.port.CreatorContent;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * The creator's own videos (unpublished too) with member / non-member views and paid tips per
 * currency.
 */
public final class GetCreatorVideos {
  public record Row(CreatorContent.VideoStats video, List<ChannelAnalytics.Money> donations) {}

  private final ChannelRepository channels;
  private final CreatorContent content;
  private final ChannelAnalytics analytics;

  @Inject
  public GetCreatorVideos(
      ChannelRepository channels, CreatorContent content, ChannelAnalytics analytics) {
    this.channels = channels;
    this.content = content;
    this.analytics = analytics;
  }

  public Page<Row> execute(long userId, PageRequest page) {
    return UseCaseSpan.call("GetCreatorVideos", () -> perform(userId, page));
  }

  private Page<Row> perform(long userId, PageRequest page) {
    long channelId =
        channels
            .channelIdOf(userId)
            .orElseThrow(() -> FenzException.notFound("channel_not_found", "You have no channel."));
    Page<CreatorContent.VideoStats> videos = content.videosOf(channelId, page);
    Map<Long, List<ChannelAnalytics.Money>> tips =
        analytics.donationsPerVideo(
            videos.items().stream().map(CreatorContent.VideoStats::id).toList());
    return new Page<>(
        videos.items().stream().map(v -> new Row(v, tips.getOrDefault(v.id(), List.of()))).toList(),
        videos.page(),
        videos.pageSize(),
        videos.total());
  }
}
