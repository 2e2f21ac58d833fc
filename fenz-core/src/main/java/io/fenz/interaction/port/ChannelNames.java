package io.fenz.interaction.port;

import java.util.Collection;
import java.util.Map;

/**
 * Channel names as they are now (implemented by the monetization context): each given channel that
 * exists and whose owner is not hidden; the others are left out.
 */
public interface ChannelNames {
  Map<Long, String> visible(Collection<Long> channelIds);
}
