package io.fenz.discovery;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import io.fenz.discovery.adapter.JdbiFeedSource;
import io.fenz.discovery.adapter.JdbiIndexableVideos;
import io.fenz.discovery.adapter.JdbiSearchIndex;
import io.fenz.discovery.adapter.JdbiVideoSearch;
import io.fenz.discovery.adapter.TrackedFeedCache;
import io.fenz.discovery.adapter.lucene.LuceneVideoSearch;
import io.fenz.discovery.app.KeepDiscoveryCurrent;
import io.fenz.discovery.port.FeedCache;
import io.fenz.discovery.port.FeedSource;
import io.fenz.discovery.port.IndexableVideos;
import io.fenz.discovery.port.LiveSearchIndex;
import io.fenz.discovery.port.SearchIndex;
import io.fenz.discovery.port.VideoSearch;
import io.fenz.platform.cleanup.CleanupQueue;
import io.fenz.platform.cleanup.RedisCleanupQueue;
import io.fenz.platform.events.EventListener;
import jakarta.inject.Named;

/**
 * Recommendations and search: swap the search adapters here to move search to OpenSearch
 * (LuceneVideoSearch falls back to MySQL FULLTEXT by itself until its index is built, or always
 * with FENZ_SEARCH_ENGINE=fulltext).
 */
@Module
public interface DiscoveryModule {
  @Binds
  FeedCache feedCache(TrackedFeedCache impl);

  @Binds
  FeedSource feedSource(JdbiFeedSource impl);

  @Binds
  @IntoSet
  EventListener keepDiscoveryCurrent(KeepDiscoveryCurrent impl);

  @Binds
  CleanupQueue cleanupQueue(RedisCleanupQueue impl);

  @Binds
  VideoSearch videoSearch(LuceneVideoSearch impl);

  @Binds
  LiveSearchIndex liveSearchIndex(LuceneVideoSearch impl);

  /** What the in-memory index answers with until it is built. */
  @Binds
  @Named("fulltext")
  VideoSearch fulltextSearch(JdbiVideoSearch impl);

  @Binds
  IndexableVideos indexableVideos(JdbiIndexableVideos impl);

  @Binds
  SearchIndex searchIndex(JdbiSearchIndex impl);
}
