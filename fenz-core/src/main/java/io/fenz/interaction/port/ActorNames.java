package io.fenz.interaction.port;

import java.util.Collection;
import java.util.Map;

/**
 * Who acted (a subscriber, member or donor), named as the public sees them now: the display name of
 * each given user who exists and is not hidden; the others are left out, so they are never named.
 */
public interface ActorNames {
  Map<Long, String> visible(Collection<Long> userIds);
}
