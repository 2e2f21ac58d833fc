package io.fenz.monetization;

import dagger.Binds;
import dagger.Module;
import io.fenz.content.port.ChannelAccess;
import io.fenz.content.port.CreatorChannels;
import io.fenz.identity.port.ChannelDirectory;
import io.fenz.monetization.adapter.JdbiChannelAccess;
import io.fenz.monetization.adapter.JdbiChannelDirectory;
import io.fenz.monetization.adapter.JdbiChannelRepository;
import io.fenz.monetization.port.ChannelRepository;

@Module
public interface MonetizationModule {
  @Binds
  ChannelDirectory channelDirectory(JdbiChannelDirectory impl);

  @Binds
  ChannelRepository channels(JdbiChannelRepository impl);

  @Binds
  ChannelAccess channelAccess(JdbiChannelAccess impl);

  @Binds
  CreatorChannels creatorChannels(JdbiChannelAccess impl);
}
