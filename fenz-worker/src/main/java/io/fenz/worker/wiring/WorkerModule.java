package io.fenz.worker.wiring;

import dagger.Module;
import dagger.Provides;
import io.fenz.interaction.app.DeliverNotifications;
import io.fenz.platform.events.EventBus;
import io.fenz.worker.EventConsumer;
import io.fenz.worker.PeriodicJob;
import io.fenz.worker.Worker;
import io.fenz.worker.jobs.CleanupQueueJob;
import io.fenz.worker.jobs.FeedCacheJob;
import io.fenz.worker.jobs.OrphanUploadSweepJob;
import io.fenz.worker.jobs.OutboxRelayJob;
import io.fenz.worker.jobs.PaymentReconciliationJob;
import io.fenz.worker.jobs.RefreshTokenPurgeJob;
import io.fenz.worker.jobs.ThumbnailJob;
import io.fenz.worker.jobs.ViewFlushJob;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/** One handler per job type. */
@Module
public interface WorkerModule {
  @Provides
  static List<PeriodicJob> jobs(
      RefreshTokenPurgeJob refreshTokenPurge,
      OrphanUploadSweepJob orphanUploads,
      ThumbnailJob thumbnails,
      FeedCacheJob feedCache,
      CleanupQueueJob cleanupQueue,
      ViewFlushJob viewFlush,
      OutboxRelayJob outboxRelay,
      PaymentReconciliationJob paymentReconciliation) {
    return List.of(
        refreshTokenPurge,
        orphanUploads,
        thumbnails,
        feedCache,
        cleanupQueue,
        viewFlush,
        outboxRelay,
        paymentReconciliation);
  }

  @Provides
  static Worker worker(
      List<PeriodicJob> jobs,
      EventBus bus,
      DeliverNotifications notifications,
      Clock clock,
      MeterRegistry meters) {
    return new Worker(
        jobs,
        bus,
        List.of(new EventConsumer(DeliverNotifications.CONSUMER, notifications)),
        clock,
        meters);
  }
}
