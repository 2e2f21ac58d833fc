package io.fenz.platform.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.Multibinds;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.events.DeadLetters;
import io.fenz.platform.events.EventBus;
import io.fenz.platform.events.EventListener;
import io.fenz.platform.events.JdbiDeadLetters;
import io.fenz.platform.json.Json;
import io.fenz.platform.listing.ListingChanges;
import io.fenz.platform.listing.RedisListingChanges;
import io.fenz.platform.redis.RedisStore;
import io.fenz.platform.storage.S3Storage;
import java.time.Clock;
import java.util.Set;

/** Hands the opened infrastructure and config sections to the contexts. */
@Module
public interface PlatformModule {
  @Provides
  static FenzConfig config(Infrastructure infrastructure) {
    return infrastructure.config();
  }

  @Provides
  static FenzConfig.Auth auth(FenzConfig config) {
    return config.auth();
  }

  @Provides
  static FenzConfig.Search search(FenzConfig config) {
    return config.search();
  }

  @Provides
  static FenzConfig.Feed feed(FenzConfig config) {
    return config.feed();
  }

  @Provides
  static FenzConfig.Media media(FenzConfig config) {
    return config.media();
  }

  @Provides
  static FenzConfig.Limits limits(FenzConfig config) {
    return config.limits();
  }

  @Provides
  static FenzConfig.Events eventsConfig(FenzConfig config) {
    return config.events();
  }

  /** The one JSON mapper: HTTP bodies and answers, Paddle's API, events. */
  @Provides
  static ObjectMapper json() {
    return Json.mapper();
  }

  @Provides
  static Database database(Infrastructure infrastructure) {
    return infrastructure.database();
  }

  @Provides
  static TransactionRunner transactions(Infrastructure infrastructure) {
    return infrastructure.database();
  }

  @Provides
  static RedisStore redis(Infrastructure infrastructure) {
    return infrastructure.redis();
  }

  @Provides
  static S3Storage s3(Infrastructure infrastructure) {
    return infrastructure.s3();
  }

  @Provides
  static EventBus events(Infrastructure infrastructure) {
    return infrastructure.events();
  }

  @Binds
  DeadLetters deadLetters(JdbiDeadLetters impl);

  @Binds
  ListingChanges listingChanges(RedisListingChanges impl);

  @Provides
  static Clock clock(Infrastructure infrastructure) {
    return infrastructure.clock();
  }

  /** Contexts add their after-commit listeners with {@code @IntoSet}. */
  @Multibinds
  Set<EventListener> eventListeners();
}
