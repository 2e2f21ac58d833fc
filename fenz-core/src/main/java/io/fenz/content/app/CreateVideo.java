package io.fenz.content.app;

import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.ContentEvents;
import io.fenz.content.domain.Video;
import io.fenz.content.port.CreatorChannels;
import io.fenz.content.port.MediaTools;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.Validator;
import io.fenz.platform.events.Outbox;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Phase two: a video (unpublished) from the caller's uploads, once they decode (422 {@code
 * invalid_media}). Duration comes from ffprobe when it is installed, else from the creator.
 */
public final class CreateVideo {
  public record Command(
      long userId,
      String title,
      String description,
      Long categoryId,
      List<Long> tagIds,
      Integer accessTier,
      String videoKey,
      String thumbnailKey,
      Integer durationSeconds) {}

  private final VideoRepository videos;
  private final VideoDraft draft;
  private final CreatorChannels channels;
  private final Outbox outbox;
  private final TransactionRunner transactions;
  private final Clock clock;

  @Inject
  public CreateVideo(
      VideoRepository videos,
      VideoDraft draft,
      CreatorChannels channels,
      Outbox outbox,
      TransactionRunner transactions,
      Clock clock) {
    this.outbox = outbox;
    this.videos = videos;
    this.draft = draft;
    this.channels = channels;
    this.transactions = transactions;
    this.clock = clock;
  }

  public Video execute(Command command) {
    return UseCaseSpan.call("CreateVideo", () -> perform(command));
  }

  private Video perform(Command command) {
    new Validator()
        .required("title", command.title())
        .required("videoKey", command.videoKey())
        .throwIfInvalid();
    String description = command.description() == null ? "" : command.description();
    List<Long> tagIds = command.tagIds() == null ? List.of() : command.tagIds();
    draft.validateFields(command.title(), description, tagIds, command.durationSeconds());
    AccessTier tier = AccessTier.of(command.accessTier() == null ? 0 : command.accessTier());
    draft.requireCategory(command.categoryId());
    List<Long> tags = draft.existingTags(tagIds);
    draft.ownUpload("videoKey", command.videoKey(), command.userId(), true);
    if (command.thumbnailKey() != null) {
      draft.ownUpload("thumbnailKey", command.thumbnailKey(), command.userId(), false);
    }
    long channelId =
        channels
            .channelIdOf(command.userId())
            .orElseThrow(
                () -> FenzException.conflict("no_channel", "Your account has no channel."));
    MediaTools.Probe probe = draft.requireDecodable("videoKey", command.videoKey(), true);
    if (command.thumbnailKey() != null) {
      draft.requireDecodable("thumbnailKey", command.thumbnailKey(), false);
    }
    int duration =
        probe.verdict() == MediaTools.Verdict.VALID
            ? probe.durationSeconds()
            : command.durationSeconds() == null ? 0 : command.durationSeconds();
    long id =
        transactions.inTransaction(
            () -> {
              draft.claim(command.videoKey());
              if (command.thumbnailKey() != null) {
                draft.claim(command.thumbnailKey());
              }
              long created =
                  videos.insert(
                      new VideoRepository.NewVideo(
                          channelId,
                          command.categoryId(),
                          command.title().strip(),
                          description.strip(),
                          duration,
                          tier,
                          command.videoKey(),
                          command.thumbnailKey(),
                          tags),
                      clock.instant());
              outbox.append(
                  ContentEvents.VIDEO_CREATED, Map.of("videoId", created, "channelId", channelId));
              return created;
            });
    return videos.findById(id).orElseThrow();
  }
}
