package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import io.fenz.http.testing.TestVideos;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /videos/{id}/related on real Redis and MariaDB: drawn from the video's tags, public cards
 * only, never itself.
 */
@WithFenzServices
class RelatedVideosApiTest {
  private static final long CATS = 8;
  private static final long COOKING = 6;
  private static final long HIKING = 10;
  private static final long TRAVEL = 12;
  @RegisterExtension static final TestApp app = TestApp.perClass();
  private static final ApiClient api = app.api;
  private static TestEnvironment env;
  private static long channelId;
  private static final Set<Long> CAT_OR_COOKING = new HashSet<>();
  private static long catVideo;
  private static long premiumCat;
  private static long draftCat;
  private static long lonelyTravel;

  @BeforeAll
  static void start(TestEnvironment environment) throws Exception {
    env = environment;
    channelId = app.user("related-creator@example.com", "Related creator").channelId();
    for (int i = 0; i < 30; i++) {
      CAT_OR_COOKING.add(insertVideo("貓咪 " + i, 0, true, i % 2 == 0 ? CATS : COOKING));
    }
    catVideo = insertVideo("貓咪煮飯", 0, true, CATS, COOKING);
    CAT_OR_COOKING.add(catVideo);
    premiumCat = insertVideo("付費貓咪", 2, true, CATS);
    draftCat = insertVideo("草稿貓咪", 0, false, CATS);
    insertVideo("登山", 0, true, HIKING);
    lonelyTravel = insertVideo("一個人的旅行", 0, true, TRAVEL);
    app.warmFeedCache();
  }

  @Test
  void relatedComesFromTheVideosTagsWithoutItselfPaidOrDrafts() {
    Set<List<Long>> distinct = new HashSet<>();
    for (int call = 0; call < 5; call++) {
      JsonNode items =
          api.get("/api/v1/videos/" + catVideo + "/related", null).json().path("items");
      assertThat(items.size()).isEqualTo(20);
      List<Long> ids = new ArrayList<>();
      for (JsonNode item : items) {
        ids.add(item.path("id").asLong());
        assertThat(item.path("accessTier").asInt()).isZero();
        assertThat(item.path("matchedTags").findValuesAsText("id"))
            .isNotEmpty()
            .allMatch(tag -> tag.equals(Long.toString(CATS)) || tag.equals(Long.toString(COOKING)));
      }
      assertThat(ids)
          .doesNotHaveDuplicates()
          .doesNotContain(catVideo, premiumCat, draftCat)
          .isSubsetOf(CAT_OR_COOKING);
      distinct.add(ids);
    }
    assertThat(distinct).as("a random draw, not a fixed list").hasSizeGreaterThan(1);
  }

  @Test
  void aVideoAloneWithItsTagsHasNoRelatedVideos() {
    assertThat(
            api.get("/api/v1/videos/" + lonelyTravel + "/related", null)
                .json()
                .path("items")
                .size())
        .isZero();
  }

  @Test
  void relatedOfAVideoTheViewerMayNotSeeIsNotFound() {
    var draft = api.get("/api/v1/videos/" + draftCat + "/related", null);
    assertThat(draft.status()).isEqualTo(404);
    assertThat(draft.code()).isEqualTo("video_not_found");
    assertThat(api.get("/api/v1/videos/x1/related", null).status()).isEqualTo(400);
  }

  private static long insertVideo(String title, int tier, boolean published, long... tags) {
    return TestVideos.insert(app.env(), channelId, title, tier, published, tags);
  }
}
