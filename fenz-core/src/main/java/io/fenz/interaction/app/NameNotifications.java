package io.fenz.interaction.app;

import io.fenz.interaction.domain.Notification;
import io.fenz.interaction.port.ActorNames;
import io.fenz.interaction.port.ChannelNames;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Names the channel and the actor of notifications about to be shown, as they are now: a rename
 * shows at once, and a hidden or deleted account is never named. One lookup per kind of name for a
 * whole page (or stream catch-up), not one per row.
 */
public final class NameNotifications {
  private final ActorNames actors;
  private final ChannelNames channels;

  @Inject
  public NameNotifications(ActorNames actors, ChannelNames channels) {
    this.actors = actors;
    this.channels = channels;
  }

  public List<Notification> name(List<Notification> notifications) {
    Map<Long, String> channelNames = channels.visible(ids(notifications, Notification::channelId));
    Map<Long, String> actorNames = actors.visible(ids(notifications, Notification::actorUserId));
    return notifications.stream()
        .map(
            n ->
                n.named(
                    n.channelId() == null ? null : channelNames.get(n.channelId()),
                    n.actorUserId() == null ? null : actorNames.get(n.actorUserId())))
        .toList();
  }

  private static Set<Long> ids(List<Notification> notifications, Function<Notification, Long> id) {
    return notifications.stream().map(id).filter(Objects::nonNull).collect(Collectors.toSet());
  }
}
