package io.fenz.content.app;

import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.ContentEvents;
import io.fenz.content.domain.Video;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.events.Outbox;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;

/** Owner edits metadata, tier or thumbnail; absent fields stay as they are. */
public final class EditVideo {
  public record Command(
      long userId,
      long videoId,
      String title,
      String description,
      Long categoryId,
      List<Long> tagIds,
      Integer accessTier,
      String thumbnailKey) {}

  private final Videos videos;
  private final VideoRepository repository;
  private final VideoDraft draft;
  private final Outbox outbox;
  private final TransactionRunner transactions;
  private final Clock clock;

  @Inject
  public EditVideo(
      Videos videos,
      VideoRepository repository,
      VideoDraft draft,
      Outbox outbox,
      TransactionRunner transactions,
      Clock clock) {
    this.videos = videos;
    this.repository = repository;
    this.draft = draft;
    this.outbox = outbox;
    this.transactions = transactions;
    this.clock = clock;
  }

  public Video execute(Command c) {
    return UseCaseSpan.call("EditVideo", () -> perform(c));
  }

  private Video perform(Command c) {
    Video video = videos.ownedBy(c.videoId(), c.userId());
    String title = c.title() == null ? video.title() : c.title();
    String description = c.description() == null ? video.description() : c.description();
    List<Long> tagIds = c.tagIds() == null ? video.tagIds() : c.tagIds();
    draft.validateFields(title, description, tagIds, null);
    AccessTier tier = c.accessTier() == null ? video.accessTier() : AccessTier.of(c.accessTier());
    Long categoryId = c.categoryId() == null ? video.categoryId() : c.categoryId();
    draft.requireCategory(categoryId);
    List<Long> tags = draft.existingTags(tagIds);
    boolean newThumbnail =
        c.thumbnailKey() != null && !c.thumbnailKey().equals(video.thumbnailKey());
    if (newThumbnail) {
      draft.ownUpload("thumbnailKey", c.thumbnailKey(), c.userId(), false);
      draft.requireDecodable("thumbnailKey", c.thumbnailKey(), false);
    }
    transactions.inTransaction(
        () -> {
          if (newThumbnail) {
            draft.claim(c.thumbnailKey());
          }
          repository.update(
              video.id(),
              new VideoRepository.Edit(
                  categoryId,
                  title.strip(),
                  description.strip(),
                  tier,
                  newThumbnail ? c.thumbnailKey() : video.thumbnailKey(),
                  tags),
              clock.instant());
          outbox.append(ContentEvents.VIDEO_EDITED, ContentEvents.videoEdited(video));
        });
    return repository.findById(video.id()).orElseThrow();
  }
}
