package io.fenz.discovery;

import dagger.Binds;
import dagger.Module;
import io.fenz.discovery.adapter.JdbiSearchIndex;
import io.fenz.discovery.adapter.JdbiVideoSearch;
import io.fenz.discovery.port.SearchIndex;
import io.fenz.discovery.port.VideoSearch;

/** Search (and later recommendations): swap the adapters here to move search to OpenSearch. */
@Module
public interface DiscoveryModule {
  @Binds
  VideoSearch videoSearch(JdbiVideoSearch impl);

  @Binds
  SearchIndex searchIndex(JdbiSearchIndex impl);
}
