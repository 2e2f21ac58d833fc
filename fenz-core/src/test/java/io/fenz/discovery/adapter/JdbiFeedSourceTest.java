package io.fenz.discovery.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.discovery.domain.FeedCard;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.db.Database;
import io.fenz.testing.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The warm-up's read on real MariaDB: which videos are eligible, and what their cards hold. */
@WithFenzServices
class JdbiFeedSourceTest {
  private static Database db;
  private static JdbiFeedSource source;

  @BeforeAll
  static void open(TestEnvironment env) {
    db = new Database(new FenzConfig.Database(env.jdbcUrl(), null, null, 4));
    db.migrate();
    source = new JdbiFeedSource(db);
    Sql.execute(
        env,
        "INSERT INTO users (id, email, password_hash, display_name, is_hidden, created_at, updated_at) VALUES"
            + " (1, 'u1@example.com', 'x', 'U', FALSE, NOW(), NOW()),"
            + " (2, 'u2@example.com', 'x', 'H', TRUE, NOW(), NOW())",
        "INSERT INTO channels (id, user_id, name, created_at) VALUES (1, 1, '貓頻道', NOW()), (2, 2, 'hidden', NOW())",
        "INSERT INTO tags (id, slug, name_zh, name_en) VALUES (9001, 'feed-source-a', '甲', 'A'), (9002, 'feed-source-b', '乙', 'B')",
        video(10, 1, 0, true, "'2026-12-01 08:00:00.123'"),
        video(11, 1, 0, true, "'2026-12-02 09:30:00.000'"),
        video(12, 1, 0, false, "NULL"),
        video(13, 1, 2, true, "'2026-12-01 08:00:00'"),
        video(14, 2, 0, true, "'2026-12-01 08:00:00'"),
        "INSERT INTO video_tags (video_id, tag_id) VALUES (10, 9002), (10, 9001), (11, 9001)");
  }

  private static String video(long id, long channel, int tier, boolean published, String at) {
    return "INSERT INTO videos (id, channel_id, title, description, duration_s, access_tier,"
        + " is_published, video_key, views_member, views_non_member, published_at, created_at,"
        + " updated_at, search_tokens) VALUES (%d, %d, '影片 %d', '', 90, %d, %b, 'k', 2, 3, %s, NOW(), NOW(), '')"
            .formatted(id, channel, id, tier, published, at);
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void theWarmUpReadsOnlyListedFreeVideosWithTheirTagsAndMillisecondTimes() {
    List<FeedCard> cards = eligibleAfter(0);

    assertThat(cards).extracting(FeedCard::videoId).containsExactly(10L, 11L);
    FeedCard first = cards.getFirst();
    assertThat(first.title()).isEqualTo("影片 10");
    assertThat(first.channelName()).isEqualTo("貓頻道");
    assertThat(first.views()).isEqualTo(5);
    assertThat(first.tagIds()).containsExactly(9001L, 9002L);
    assertThat(first.publishedAt()).isEqualTo(Instant.parse("2026-12-01T08:00:00.123Z"));
    assertThat(eligibleAfter(10)).extracting(FeedCard::videoId).containsExactly(11L);
  }

  @Test
  void theWarmUpsStreamIsHandedOnInBatchesOfTheSizeAsked() {
    List<List<Long>> batches = new ArrayList<>();
    source.eligibleAfter(
        0, 1, batch -> batches.add(batch.stream().map(FeedCard::videoId).toList()));

    assertThat(batches).containsExactly(List.of(10L), List.of(11L));
  }

  @Test
  void cardsOfOneChannelReadTogetherShareOneCopyOfItsName() {
    List<FeedCard> cards = eligibleAfter(0);

    assertThat(cards.get(1).channelName()).isSameAs(cards.get(0).channelName());
  }

  private static List<FeedCard> eligibleAfter(long afterId) {
    List<FeedCard> cards = new ArrayList<>();
    source.eligibleAfter(afterId, 10, cards::addAll);
    return cards;
  }
}
