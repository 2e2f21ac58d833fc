package io.fenz.discovery.domain;

/**
 * {@code sort=relevance|newest|views}. Relevance puts title matches above description-only matches,
 * then higher full-text relevance, then newer; it needs a text query, so without one it falls back
 * to newest. Every order ends with newer first and then the id, so pages are stable.
 */
public enum SearchSort implements SearchOption {
  RELEVANCE,
  NEWEST,
  VIEWS;

  @Override
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
