package io.fenz.worker.wiring;

import dagger.Module;
import dagger.Provides;
import io.fenz.worker.PeriodicJob;
import io.fenz.worker.Worker;
import io.fenz.worker.jobs.RefreshTokenPurgeJob;
import java.util.List;

/** One handler per job type. */
@Module
public interface WorkerModule {
  @Provides
  static List<PeriodicJob> jobs(RefreshTokenPurgeJob refreshTokenPurge) {
    return List.of(refreshTokenPurge);
  }

  @Provides
  static Worker worker(List<PeriodicJob> jobs) {
    return new Worker(jobs);
  }
}
