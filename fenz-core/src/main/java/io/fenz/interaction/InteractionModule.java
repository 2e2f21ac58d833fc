package io.fenz.interaction;

import dagger.Binds;
import dagger.Module;
import io.fenz.interaction.adapter.IdentityActorNames;
import io.fenz.interaction.adapter.JdbiNotificationRepository;
import io.fenz.interaction.adapter.RedisStreamTokens;
import io.fenz.interaction.port.ActorNames;
import io.fenz.interaction.port.NotificationRepository;
import io.fenz.interaction.port.StreamTokens;

/** Notifications: the consumer that writes them (worker), the bell API and live streams (HTTP). */
@Module
public interface InteractionModule {
  @Binds
  NotificationRepository notifications(JdbiNotificationRepository impl);

  @Binds
  ActorNames actorNames(IdentityActorNames impl);

  @Binds
  StreamTokens streamTokens(RedisStreamTokens impl);
}
