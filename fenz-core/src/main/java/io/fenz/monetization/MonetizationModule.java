package io.fenz.monetization;

import dagger.Binds;
import dagger.Module;
import io.fenz.identity.port.ChannelDirectory;
import io.fenz.monetization.adapter.JdbiChannelDirectory;

@Module
public interface MonetizationModule {
  @Binds
  ChannelDirectory channels(JdbiChannelDirectory impl);
}
