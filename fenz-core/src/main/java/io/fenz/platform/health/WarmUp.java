package io.fenz.platform.health;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The parts a node warms while it already serves (feed cache, search index): /readyz answers {@code
 * warming} until every part started has finished, so a load balancer can send full traffic only to
 * warm nodes while a cold one still answers (from MySQL) what reaches it.
 */
public final class WarmUp implements DependencyCheck {
  /**
   * What {@link #probe()} throws while something is warming; Readiness reports it as {@code
   * warming}.
   */
  public static final class StillWarming extends Exception {
    StillWarming(Set<String> parts) {
      super("warming: " + String.join(", ", parts), null, false, false);
    }
  }

  private final Set<String> warming = ConcurrentHashMap.newKeySet();

  public void started(String part) {
    warming.add(part);
  }

  public void finished(String part) {
    warming.remove(part);
  }

  @Override
  public String name() {
    return "warm-up";
  }

  @Override
  public void probe() throws StillWarming {
    if (!warming.isEmpty()) {
      throw new StillWarming(new TreeSet<>(warming));
    }
  }
}
