package io.fenz.content.port;

import java.util.List;

/** A viewer's chosen tags, for users (by id) and guests (by session id). */
public interface TagPreferenceRepository {
  List<Long> ofUser(long userId);

  List<Long> ofSession(String sessionId);

  void replaceForUser(long userId, List<Long> tagIds);

  void replaceForSession(String sessionId, List<Long> tagIds);

  /** Moves a guest's tags to the user when the user has none; returns whether it did. */
  boolean adoptSessionTags(String sessionId, long userId);
}
