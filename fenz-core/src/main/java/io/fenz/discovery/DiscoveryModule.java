package io.fenz.discovery;

import dagger.Binds;
import dagger.Module;
import io.fenz.content.port.FeedIndex;
import io.fenz.discovery.adapter.JdbiFeedSource;
import io.fenz.discovery.adapter.JdbiSearchIndex;
import io.fenz.discovery.adapter.JdbiVideoSearch;
import io.fenz.discovery.adapter.RedisFeedCache;
import io.fenz.discovery.app.KeepFeedCurrent;
import io.fenz.discovery.port.FeedCache;
import io.fenz.discovery.port.FeedSource;
import io.fenz.discovery.port.SearchIndex;
import io.fenz.discovery.port.VideoSearch;
import io.fenz.platform.cleanup.CleanupQueue;
import io.fenz.platform.cleanup.RedisCleanupQueue;

/** Recommendations and search: swap the search adapters here to move search to OpenSearch. */
@Module
public interface DiscoveryModule {
  @Binds
  FeedCache feedCache(RedisFeedCache impl);

  @Binds
  FeedSource feedSource(JdbiFeedSource impl);

  @Binds
  FeedIndex feedIndex(KeepFeedCurrent impl);

  @Binds
  CleanupQueue cleanupQueue(RedisCleanupQueue impl);

  @Binds
  VideoSearch videoSearch(JdbiVideoSearch impl);

  @Binds
  SearchIndex searchIndex(JdbiSearchIndex impl);
}
