package io.fenz.platform.health;

/** One backing service that /readyz asks; {@link #probe()} returns normally when it is usable. */
public interface DependencyCheck {
  String name();

  void probe() throws Exception;
}
