package io.fenz.content.app;

import io.fenz.content.domain.MediaKind;
import io.fenz.content.domain.Upload;
import io.fenz.content.port.MediaStore;
import io.fenz.content.port.UploadRepository;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.error.ErrorKind;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import io.fenz.platform.storage.ObservedInputStream;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Phase one of publishing: streams a request body to object storage. The type comes from the first
 * bytes; the size limit is enforced while streaming; anything half-written is deleted. Per user, at
 * most FENZ_PENDING_UPLOADS uploads wait to be used by a video, and at most
 * FENZ_UPLOAD_BYTES_PER_DAY bytes are stored per UTC day (429, retry the next day).
 */
public final class UploadMedia {
  public enum Purpose {
    VIDEO,
    THUMBNAIL
  }

  public record Command(long userId, Purpose purpose, InputStream body, long declaredLength) {}

  public record Result(String key, long size, String contentType) {}

  private static final Logger LOG = LoggerFactory.getLogger(UploadMedia.class);
  private final MediaStore store;
  private final UploadRepository uploads;
  private final FenzConfig.Media limits;
  private final FenzConfig.Limits quotas;
  private final Clock clock;
  private final TransactionRunner transactions;

  @Inject
  public UploadMedia(
      MediaStore store,
      UploadRepository uploads,
      FenzConfig.Media limits,
      FenzConfig.Limits quotas,
      Clock clock,
      TransactionRunner transactions) {
    this.transactions = transactions;
    this.store = store;
    this.uploads = uploads;
    this.limits = limits;
    this.quotas = quotas;
    this.clock = clock;
  }

  public Result execute(Command command) {
    return UseCaseSpan.call("UploadMedia", () -> perform(command));
  }

  private Result perform(Command command) {
    long limit =
        command.purpose() == Purpose.VIDEO ? limits.maxVideoBytes() : limits.maxThumbnailBytes();
    if (command.declaredLength() > limit) {
      throw tooLarge(limit);
    }
    if (uploads.pendingCount(command.userId()) >= quotas.pendingUploads()) {
      throw tooManyPending();
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    long leftToday = quotas.uploadBytesPerDay() - uploads.bytesStoredOn(command.userId(), today);
    if (leftToday <= 0 || command.declaredLength() > leftToday) {
      throw quotaExceeded();
    }
    byte[] head;
    try {
      head = command.body().readNBytes(MediaKind.SNIFF_BYTES);
    } catch (IOException e) {
      throw incomplete();
    }
    if (head.length == 0) {
      throw FenzException.invalidInput("empty_upload", "The upload is empty.");
    }
    MediaKind kind =
        MediaKind.sniff(head)
            .filter(k -> k.isVideo() == (command.purpose() == Purpose.VIDEO))
            .orElseThrow(
                () ->
                    new FenzException(
                        ErrorKind.UNSUPPORTED_MEDIA,
                        "unsupported_media_type",
                        command.purpose() == Purpose.VIDEO
                            ? "Videos must be MP4, MOV or WebM."
                            : "Thumbnails must be JPEG, PNG or WebP."));
    String key =
        (command.purpose() == Purpose.VIDEO ? "videos/" : "thumbnails/")
            + command.userId()
            + "/"
            + UUID.randomUUID()
            + "."
            + kind.extension();
    LimitedInputStream body =
        new LimitedInputStream(
            new SequenceInputStream(new ByteArrayInputStream(head), command.body()),
            Math.min(limit, leftToday));
    long size;
    try {
      size = store.put(key, body, kind.contentType(), command.declaredLength());
    } catch (RuntimeException e) {
      deleteQuietly(key);
      if (body.overLimit) {
        throw leftToday < limit ? quotaExceeded() : tooLarge(limit);
      }
      if (body.clientFailure instanceof FenzException refused) {
        throw refused; // the body itself was malformed (a multipart reader's 400)
      }
      if (body.clientFailure != null) {
        throw incomplete();
      }
      throw e instanceof FenzException storage
          ? storage
          : FenzException.unavailable(
              "storage_unavailable", "Storage is unavailable; try again shortly.", 5, e);
    }
    if (command.declaredLength() >= 0 && size != command.declaredLength()) {
      deleteQuietly(key);
      throw incomplete();
    }
    Upload stored = new Upload(key, command.userId(), kind, size, clock.instant());
    try {
      finish(stored, today);
    } catch (RuntimeException e) {
      deleteQuietly(key);
      throw e;
    }
    return new Result(key, size, kind.contentType());
  }

  private void deleteQuietly(String key) {
    try {
      store.delete(key);
    } catch (RuntimeException e) {
      LOG.warn("could not delete partial upload {}; the orphan sweep will", key);
    }
  }

  private static FenzException tooLarge(long limit) {
    return new FenzException(
        ErrorKind.TOO_LARGE, "upload_too_large", "The upload is larger than " + limit + " bytes.");
  }

  /**
   * The checks before the upload let it start; uploads of the same user running at once are only
   * counted here. Adding the bytes locks the user's row of the day, so their ends pass one at a
   * time, and each sees the others' bytes and pending uploads: this is where both quotas hold.
   */
  private void finish(Upload upload, LocalDate today) {
    transactions.inTransaction(
        () -> {
          if (!uploads.addBytesStored(
              upload.userId(), today, upload.sizeBytes(), quotas.uploadBytesPerDay())) {
            throw quotaExceeded();
          }
          if (uploads.pendingCount(upload.userId()) >= quotas.pendingUploads()) {
            throw tooManyPending();
          }
          uploads.record(upload);
        });
  }

  private FenzException tooManyPending() {
    return new FenzException(
        ErrorKind.RATE_LIMITED,
        "too_many_pending_uploads",
        "You have "
            + quotas.pendingUploads()
            + " uploads no video uses yet; create videos from them (unused ones are removed after a day).",
        List.of(),
        Map.of("retryAfterSeconds", 3600L));
  }

  private FenzException quotaExceeded() {
    long untilTomorrow =
        Duration.between(
                clock.instant(),
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                    .plusDays(1)
                    .atStartOfDay(ZoneOffset.UTC)
                    .toInstant())
            .toSeconds();
    return new FenzException(
        ErrorKind.RATE_LIMITED,
        "upload_quota_exceeded",
        "You have uploaded "
            + quotas.uploadBytesPerDay()
            + " bytes today (UTC), the most one account may; try again tomorrow.",
        List.of(),
        Map.of("retryAfterSeconds", untilTomorrow + 1));
  }

  private static FenzException incomplete() {
    return FenzException.invalidInput(
        "upload_incomplete", "The upload ended before all its bytes arrived.");
  }

  /** Fails the read once more than {@code limit} bytes pass, and remembers why a read failed. */
  private static final class LimitedInputStream extends ObservedInputStream {
    private final long limit;
    private long count;
    private boolean overLimit;
    private Exception clientFailure;

    LimitedInputStream(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (IOException | RuntimeException e) {
        if (!overLimit) {
          clientFailure = e;
        }
        throw e;
      }
    }

    @Override
    protected void observe(byte[] buffer, int offset, int length) throws IOException {
      count += length;
      if (count > limit) {
        overLimit = true;
        throw new IOException("upload exceeds " + limit + " bytes");
      }
    }
  }
}
