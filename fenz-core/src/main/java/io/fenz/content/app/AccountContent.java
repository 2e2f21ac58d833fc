package io.fenz.content.app;

import io.fenz.content.domain.ContentEvents;
import io.fenz.content.domain.Upload;
import io.fenz.content.domain.Video;
import io.fenz.content.port.UploadRepository;
import io.fenz.content.port.VideoRepository;
import io.fenz.identity.port.OwnedContent;
import io.fenz.platform.events.Outbox;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * A user's videos and media as the identity context sees them. Collect-then-delete: inside the
 * transaction that deletes the rows, one event per video (with its tag ids and object keys, read
 * while the rows exist) and one for leftover uploads; after commit the listeners evict caches and
 * delete the objects.
 */
public final class AccountContent implements OwnedContent {
  private final VideoRepository videos;
  private final UploadRepository uploads;
  private final Outbox outbox;

  @Inject
  public AccountContent(VideoRepository videos, UploadRepository uploads, Outbox outbox) {
    this.videos = videos;
    this.uploads = uploads;
    this.outbox = outbox;
  }

  @Override
  public void removing(long userId) {
    for (Video video : videos.allOfOwner(userId)) {
      outbox.append(ContentEvents.VIDEO_DELETED, DeleteVideo.deletedPayload(video));
    }
    List<String> uploaded = uploads.ofUser(userId).stream().map(Upload::key).toList();
    if (!uploaded.isEmpty()) {
      outbox.append(ContentEvents.MEDIA_DISCARDED, Map.of("objectKeys", uploaded));
    }
  }
}
