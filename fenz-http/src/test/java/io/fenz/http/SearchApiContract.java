package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.Sql;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GET /search black-box, the same cases for each search engine (subclasses pick it): a small zh-TW
 * + English corpus created through the API (so search_tokens come from the real write path), with
 * duration, age and views set in SQL, on real MariaDB.
 */
abstract class SearchApiContract {
  static TestApp app;
  static ApiClient api;
  private static TestEnvironment env;
  static String creator;
  private static String subscriber;
  private static String member;

  /** title -> id */
  static final Map<String, Long> IDS = new LinkedHashMap<>();

  private record Doc(
      String title,
      String description,
      long category,
      int tier,
      int seconds,
      int hoursAgo,
      long views) {}

  // categories (V2): 2 education, 5 tech, 6 food, 7 travel, 11 pets
  private static final List<Doc> CORPUS =
      List.of(
          new Doc("iPhone 15 開箱", "蘋果新手機完整評測，相機實測", 5, 0, 300, 48, 5_000),
          new Doc("小貓咪的一天", "我家的貓很可愛 cat vlog", 11, 0, 120, 240, 300),
          new Doc("台北夜市美食攻略", "士林夜市必吃小吃：雞排、珍珠奶茶", 6, 1, 1_500, 960, 12_000),
          new Doc("珍珠奶茶 DIY 教學", "在家做手搖飲", 6, 2, 600, 4_800, 800),
          new Doc(
              "Unboxing the new iPhone",
              "English review of the phone, 開箱 in English",
              5,
              0,
              900,
              3,
              50),
          new Doc("Cooking ramen at home", "A simple recipe. 日式拉麵", 6, 0, 1_300, 9_600, 20_000),
          new Doc("週末登山 vlog", "山上遇到一隻貓", 7, 0, 2_000, 120, 100),
          new Doc(
              "C++ 與 SQL 教學：100% 不用 regex (.*)",
              "特殊字元 'quotes' and \"double\"; DROP TABLE videos; --", 2, 0, 200, 72, 10),
          new Doc("Sony 相機開箱", "全片幅無反", 5, 0, 400, 500, 2_000));

  /** The subclass's app, on FENZ_SEARCH_ENGINE={@code engine}. */
  static TestApp app(String engine) {
    return TestApp.perClass(Map.of("FENZ_SEARCH_ENGINE", engine));
  }

  /** Creates the corpus through the subclass's started {@code started} app. */
  static void createCorpus(TestApp started) {
    app = started;
    api = app.api;
    env = app.env();
    IDS.clear();
    JsonNode owner = api.register("search-owner@example.com", "password-123", "搜尋頻道");
    creator = owner.path("accessToken").asText();
    long channelId = owner.path("user").path("channelId").asLong();
    subscriber =
        api.register("search-sub@example.com", "password-123", "Sub").path("accessToken").asText();
    JsonNode memberUser = api.register("search-member@example.com", "password-123", "Member");
    member = memberUser.path("accessToken").asText();
    api.post("/api/v1/channels/" + channelId + "/subscription", null, subscriber);
    String hidden =
        api.register("search-hidden@example.com", "password-123", "Hidden")
            .path("accessToken")
            .asText();

    for (Doc d : CORPUS) {
      long id = createVideo(creator, d.title(), d.description(), d.category(), d.tier(), true);
      IDS.put(d.title(), id);
      sql(
          "UPDATE videos SET duration_s = "
              + d.seconds()
              + ", views_member = "
              + d.views() / 2
              + ", views_non_member = "
              + (d.views() - d.views() / 2)
              + ", published_at = UTC_TIMESTAMP(3) - INTERVAL "
              + d.hoursAgo()
              + " HOUR WHERE id = "
              + id);
    }
    IDS.put("unpublished", createVideo(creator, "未發布的開箱", "draft iPhone", 5, 0, false));
    IDS.put("hidden", createVideo(hidden, "隱藏頻道的開箱影片", "hidden iPhone", 5, 0, true));
    sql("UPDATE users SET is_hidden = TRUE WHERE email = 'search-hidden@example.com'");
    // Until payments land, a membership row is what a Paddle webhook will write.
    sql(
        "INSERT INTO memberships (user_id, channel_id, paddle_subscription_id, status, current_period_end, updated_from_event_at,"
            + " created_at) VALUES ("
            + memberUser.path("user").path("id").asLong()
            + ", "
            + channelId
            + ", 'sub_search', 'active', NOW() + INTERVAL 30 DAY, NOW(), NOW())");
    app.catchUpSearch(); // the SQL above changed rows behind the app's back
  }

  // ---- text matching ----

  @Test
  void singleCjkCharacterFindsTitleAndDescriptionWithTitleFirst() {
    assertThat(titles(search("q=貓"))).containsExactly("小貓咪的一天", "週末登山 vlog");
  }

  @Test
  void twoCharacterWordRanksTitleMatchesAboveDescriptionMatches() {
    List<String> found = titles(search("q=開箱"));
    assertThat(found)
        .containsExactlyInAnyOrder("iPhone 15 開箱", "Sony 相機開箱", "Unboxing the new iPhone");
    assertThat(found.getLast())
        .as("description-only match last")
        .isEqualTo("Unboxing the new iPhone");
  }

  @Test
  void longCjkQueryNeedsEveryBigram() {
    assertThat(titles(search("q=台北夜市美食攻略"))).containsExactly("台北夜市美食攻略");
    assertThat(titles(search("q=夜市必吃"))).containsExactly("台北夜市美食攻略");
    assertThat(titles(search("q=夜市拉麵"))).isEmpty();
  }

  @Test
  void mixedScriptQueriesAndCaseFolding() {
    assertThat(titles(search("q=iPhone 開箱")))
        .containsExactly("iPhone 15 開箱", "Unboxing the new iPhone");
    assertThat(titles(search("q=IPHONE")))
        .containsExactlyInAnyOrder("iPhone 15 開箱", "Unboxing the new iPhone");
    assertThat(titles(search("q=ＲＡＭＥＮ")))
        .as("full-width folds to ASCII")
        .containsExactly("Cooking ramen at home");
    assertThat(titles(search("q=拉麵 recipe"))).containsExactly("Cooking ramen at home");
  }

  @Test
  void punctuationIsASeparator() {
    assertThat(titles(search("q=iPhone，開箱！")))
        .containsExactly("iPhone 15 開箱", "Unboxing the new iPhone");
    assertThat(titles(search("q=【珍珠奶茶】"))).containsExactly("珍珠奶茶 DIY 教學", "台北夜市美食攻略");
    assertThat(titles(search("q=c++"))).containsExactly("C++ 與 SQL 教學：100% 不用 regex (.*)");
    assertThat(titles(search("q=100%"))).containsExactly("C++ 與 SQL 教學：100% 不用 regex (.*)");
  }

  @Test
  void quotedPhrasesKeepOrder() {
    assertThat(titles(search("q=\"new iphone\""))).containsExactly("Unboxing the new iPhone");
    assertThat(titles(search("q=\"iphone new\""))).isEmpty();
    assertThat(titles(search("q=\"夜市美食\""))).containsExactly("台北夜市美食攻略");
    assertThat(titles(search("q=“美食夜市”"))).as("curly quotes too").isEmpty();
    assertThat(titles(search("q=\"new iphone english\"")))
        .as("a phrase never spans title and description")
        .isEmpty();
  }

  @Test
  void minusExcludes() {
    assertThat(titles(search("q=開箱 -iphone"))).containsExactly("Sony 相機開箱");
    assertThat(titles(search("q=珍珠奶茶 -\"夜市\""))).containsExactly("珍珠奶茶 DIY 教學");
  }

  @Test
  void unpublishedAndHiddenOwnersAreNeverFound() {
    for (String q : List.of("q=開箱", "q=iphone", "q=未發布", "q=隱藏頻道", "", "sort=views&pageSize=100")) {
      JsonNode page = search(q);
      List<Long> ids = new ArrayList<>();
      page.path("items").forEach(card -> ids.add(card.path("id").asLong()));
      assertThat(ids).as(q).doesNotContain(IDS.get("unpublished"), IDS.get("hidden"));
    }
    assertThat(search("q=未發布").path("total").asLong()).isZero();
  }

  // ---- filters, sorting, paging ----

  @Test
  void emptyQueryListsNewestFirst() {
    JsonNode page = search("");
    assertThat(page.path("total").asLong()).isEqualTo(CORPUS.size());
    assertThat(titles(page).subList(0, 3))
        .containsExactly(
            "Unboxing the new iPhone", "iPhone 15 開箱", "C++ 與 SQL 教學：100% 不用 regex (.*)");
    assertThat(titles(search("sort=relevance")))
        .as("relevance without q falls back to newest")
        .isEqualTo(titles(page));
  }

  @Test
  void eachFilterAlone() {
    assertThat(titles(search("categoryId=6")))
        .containsExactly("台北夜市美食攻略", "珍珠奶茶 DIY 教學", "Cooking ramen at home");
    assertThat(titles(search("duration=short")))
        .containsExactlyInAnyOrder("小貓咪的一天", "C++ 與 SQL 教學：100% 不用 regex (.*)");
    assertThat(titles(search("duration=medium")))
        .containsExactlyInAnyOrder(
            "iPhone 15 開箱", "珍珠奶茶 DIY 教學", "Unboxing the new iPhone", "Sony 相機開箱");
    assertThat(titles(search("duration=long")))
        .containsExactlyInAnyOrder("台北夜市美食攻略", "Cooking ramen at home", "週末登山 vlog");
    assertThat(titles(search("uploaded=today"))).containsExactly("Unboxing the new iPhone");
    assertThat(titles(search("uploaded=week")))
        .containsExactly(
            "Unboxing the new iPhone",
            "iPhone 15 開箱",
            "C++ 與 SQL 教學：100% 不用 regex (.*)",
            "週末登山 vlog");
    assertThat(search("uploaded=month").path("total").asLong()).isEqualTo(6);
    assertThat(search("uploaded=year").path("total").asLong()).isEqualTo(8);
    assertThat(titles(search("minViews=10000")))
        .containsExactly("台北夜市美食攻略", "Cooking ramen at home");
    assertThat(titles(search("access=1"))).containsExactly("台北夜市美食攻略");
    assertThat(titles(search("access=2"))).containsExactly("珍珠奶茶 DIY 教學");
    assertThat(search("access=0").path("total").asLong()).isEqualTo(7);
    assertThat(titles(search("sort=views")).subList(0, 3))
        .containsExactly("Cooking ramen at home", "台北夜市美食攻略", "iPhone 15 開箱");
  }

  @Test
  void filtersCombineWithEachOtherAndWithText() {
    assertThat(titles(search("q=開箱&duration=medium&uploaded=week")))
        .containsExactly("iPhone 15 開箱", "Unboxing the new iPhone");
    assertThat(titles(search("q=開箱&categoryId=5&minViews=1000")))
        .containsExactly("iPhone 15 開箱", "Sony 相機開箱");
    assertThat(titles(search("q=開箱&sort=newest")))
        .containsExactly("Unboxing the new iPhone", "iPhone 15 開箱", "Sony 相機開箱");
    assertThat(titles(search("q=開箱&sort=views")))
        .containsExactly("iPhone 15 開箱", "Sony 相機開箱", "Unboxing the new iPhone");
    assertThat(titles(search("categoryId=6&duration=long&access=0")))
        .containsExactly("Cooking ramen at home");
    assertThat(
            titles(search("q=珍珠奶茶&access=1&duration=long&uploaded=year&minViews=100&categoryId=6")))
        .containsExactly("台北夜市美食攻略");
    assertThat(titles(search("q=貓&categoryId=6"))).isEmpty();
    assertThat(search("categoryId=999999").path("total").asLong())
        .as("unknown category: nothing, not an error")
        .isZero();
  }

  @Test
  void pagesAreDisjointWithAStableTotal() {
    List<String> all = titles(search("pageSize=100"));
    List<String> paged = new ArrayList<>();
    for (int page = 1; page <= 4; page++) {
      JsonNode p = search("pageSize=3&page=" + page);
      assertThat(p.path("total").asLong()).isEqualTo(CORPUS.size());
      assertThat(p.path("totalExact").asBoolean()).isTrue();
      assertThat(p.path("page").asInt()).isEqualTo(page);
      assertThat(p.path("pageSize").asInt()).isEqualTo(3);
      paged.addAll(titles(p));
    }
    assertThat(paged).isEqualTo(all);
    JsonNode second = search("q=開箱&pageSize=2&page=2");
    assertThat(second.path("total").asLong()).isEqualTo(3);
    assertThat(titles(second)).containsExactly("Unboxing the new iPhone");
  }

  // ---- access ----

  @Test
  void lockedCardsForTiersTheViewerCannotWatchAndNeverAPlayableUrl() {
    for (var viewer :
        Map.of("guest", "", "subscriber", subscriber, "member", member, "owner", creator)
            .entrySet()) {
      String token = viewer.getValue().isEmpty() ? null : viewer.getValue();
      ApiClient.Response r = api.get("/api/v1/search?q=" + enc("珍珠奶茶"), token);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.raw().body()).doesNotContain("stream");
      if (!viewer.getKey().equals("owner")) {
        assertThat(r.raw().body())
            .as("object keys only in the owner's fields")
            .doesNotContain(".mp4")
            .doesNotContain("\"videos/");
      }
      Map<Integer, Boolean> lockedByTier = new HashMap<>();
      r.json()
          .path("items")
          .forEach(
              card ->
                  lockedByTier.put(
                      card.path("accessTier").asInt(), card.path("locked").asBoolean()));
      Map<Integer, Boolean> expected =
          switch (viewer.getKey()) {
            case "guest" -> Map.of(1, true, 2, true);
            case "subscriber" -> Map.of(1, false, 2, true);
            default -> Map.of(1, false, 2, false);
          };
      assertThat(lockedByTier).as(viewer.getKey()).isEqualTo(expected);
    }
  }

  // ---- bad input ----

  @ParameterizedTest
  @ValueSource(strings = {"+", "-", "\"", "*", "()", "+-\"*", "-貓", "~<>@", "   ", "\\"})
  void operatorsAloneAreSafe(String q) {
    ApiClient.Response r = api.get("/api/v1/search?q=" + enc(q), null);
    assertThat(r.status()).isEqualTo(200);
    if (!q.isBlank()) {
      assertThat(r.json().path("total").asLong()).as("nothing searchable matches nothing").isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "' OR 1=1 --",
        "%",
        "_",
        "a%b_c",
        ".*",
        "[a-z]+",
        "^$|\\d{3}",
        "'; DROP TABLE videos; --",
        "\u0000",
        "(+貓 -狗)",
        "@@version",
        "\"unterminated",
        "x\"y\"z",
        "𠀀𠀁 emoji 😀",
        "-(",
        "貓*",
        "MATCH AGAINST"
      })
  void sqlAndRegexMetacharactersNeverFail(String q) {
    ApiClient.Response r = api.get("/api/v1/search?q=" + enc(q), null);
    assertThat(r.status()).as(q).isEqualTo(200);
    assertThat(r.json().path("items").isArray()).isTrue();
  }

  @Test
  void injectionAttemptsAreJustText() {
    assertThat(titles(search("q=" + enc("'; DROP TABLE videos; --"))))
        .containsExactly("C++ 與 SQL 教學：100% 不用 regex (.*)");
    assertThat(titles(search("q=" + enc("' OR 1=1 --")))).isEmpty();
    assertThat(search("").path("total").asLong()).isEqualTo(CORPUS.size());
  }

  @Test
  void tooLongQueryIs400() {
    assertThat(api.get("/api/v1/search?q=" + enc("貓".repeat(200)), null).status()).isEqualTo(200);
    ApiClient.Response r = api.get("/api/v1/search?q=" + enc("貓".repeat(201)), null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.code()).isEqualTo("query_too_long");
    assertThat(api.get("/api/v1/search?q=" + enc("a ".repeat(150)), null).code())
        .isEqualTo("query_too_long");
  }

  @Test
  void unknownFilterValuesAre400WithTheAllowedValues() {
    assertBad("duration=forever", "duration", "short, medium, long");
    assertBad("uploaded=decade", "uploaded", "today, week, month, year");
    assertBad("sort=random", "sort", "relevance, newest, views");
    assertBad("access=3", "access", "0, 1, 2");
    assertBad("access=public", "access", "0, 1, 2");
    assertBad("categoryId=abc", "categoryId", "whole number");
    assertBad("categoryId=0", "categoryId", "positive");
    assertBad("minViews=-1", "minViews", "0 or more");
    assertBad("minViews=1e9", "minViews", "whole number");
    assertBad("pageSize=101", null, "between 1 and 100");
    assertBad("pageSize=0", null, "between 1 and 100");
    assertBad("page=0", null, "1 or more");
    assertBad("page=501&pageSize=20", "page", "10000");
    ApiClient.Response both = api.get("/api/v1/search?duration=x&sort=y", null);
    assertThat(both.json().path("errors").findValuesAsText("field"))
        .containsExactly("duration", "sort");
    assertThat(api.get("/api/v1/search?duration=LONG&sort=Views", null).status())
        .as("case-insensitive")
        .isEqualTo(200);
    assertThat(api.get("/api/v1/search?page=500&pageSize=20", null).status()).isEqualTo(200);
  }

  // ---- index upkeep ----

  @Test
  void editsAreSearchableAtOnce() {
    long id = createVideo(creator, "鋼琴練習曲", "初學", 4, 0, true);
    assertThat(titles(search("q=鋼琴"))).containsExactly("鋼琴練習曲");
    api.patch("/api/v1/videos/" + id, Map.of("title", "吉他練習曲"), creator);
    assertThat(titles(search("q=鋼琴"))).isEmpty();
    assertThat(titles(search("q=吉他"))).containsExactly("吉他練習曲");
    api.post("/api/v1/videos/" + id + "/toggle-publish", null, creator);
    assertThat(titles(search("q=吉他"))).isEmpty();
    api.delete("/api/v1/videos/" + id, creator);
  }

  @Test
  void searchIsDocumentedWithItsQueryParameters() {
    JsonNode op =
        api.get("/api/openapi.json", null).json().path("paths").path("/api/v1/search").path("get");
    List<String> names = op.path("parameters").findValuesAsText("name");
    assertThat(names)
        .contains(
            "q",
            "categoryId",
            "duration",
            "uploaded",
            "minViews",
            "access",
            "sort",
            "page",
            "pageSize");
    assertThat(op.path("parameters").toString())
        .contains("\"enum\":[\"short\",\"medium\",\"long\"]");
    assertThat(op.path("responses").path("400").path("description").asText())
        .contains("query_too_long")
        .contains("invalid_request");
  }

  // ---- helpers ----

  private static void assertBad(String query, String field, String mention) {
    ApiClient.Response r = api.get("/api/v1/search?" + query, null);
    assertThat(r.status()).as(query).isEqualTo(400);
    assertThat(r.code()).as(query).isEqualTo("invalid_request");
    assertThat(r.json().path("detail").asText()).as(query).contains(mention);
    if (field != null) {
      assertThat(r.json().path("errors").findValuesAsText("field")).as(query).contains(field);
    }
  }

  static JsonNode search(String query) {
    String encoded = query.isEmpty() ? "" : "?" + encodeValues(query);
    ApiClient.Response r = api.get("/api/v1/search" + encoded, null);
    assertThat(r.status()).as(query + ": " + r.raw().body()).isEqualTo(200);
    return r.json();
  }

  /** Encodes each value of an a=b&c=d string unless it is already encoded. */
  private static String encodeValues(String query) {
    List<String> parts = new ArrayList<>();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String value = pair.substring(eq + 1);
      parts.add(
          pair.substring(0, eq + 1)
              + (value.contains("%") && value.matches(".*%[0-9A-F]{2}.*") ? value : enc(value)));
    }
    return String.join("&", parts);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static List<String> titles(JsonNode page) {
    List<String> titles = new ArrayList<>();
    page.path("items").forEach(card -> titles.add(card.path("title").asText()));
    return titles;
  }

  static long createVideo(
      String token, String title, String description, long category, int tier, boolean publish) {
    return api.createVideo(
        token,
        Map.of(
            "title", title, "description", description, "categoryId", category, "accessTier", tier),
        publish);
  }

  static void sql(String statement) {
    Sql.execute(env, statement);
  }
}
