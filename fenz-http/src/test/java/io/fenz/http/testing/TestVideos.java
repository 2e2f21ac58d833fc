package io.fenz.http.testing;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.testing.Sql;
import java.util.Arrays;

/** Videos written straight to the database, for tests that need many of them fast. */
public final class TestVideos {
  private TestVideos() {}

  /** A video of {@code channelId} with its tags (repeats ignored); returns its id. */
  public static long insert(
      TestEnvironment env,
      long channelId,
      String title,
      int tier,
      boolean published,
      long... tags) {
    long id =
        Sql.insert(
            env,
            "INSERT INTO videos (channel_id, title, description, access_tier, is_published, published_at, video_key, "
                + "created_at, updated_at, search_tokens) VALUES ("
                + channelId
                + ", '"
                + title
                + "', '', "
                + tier
                + ", "
                + published
                + ", UTC_TIMESTAMP(), 'videos/x.mp4', UTC_TIMESTAMP(), UTC_TIMESTAMP(), '')");
    for (long tag : Arrays.stream(tags).distinct().toArray()) {
      Sql.execute(
          env, "INSERT INTO video_tags (video_id, tag_id) VALUES (" + id + ", " + tag + ")");
    }
    return id;
  }
}
