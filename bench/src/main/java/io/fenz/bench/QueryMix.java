package io.fenz.bench;

import io.fenz.discovery.app.SearchVideos;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The fixed search mix every size is measured with: head words (in ~10-15% of videos), mid words
 * (~1-3%), rare long-tail words, single CJK characters, long CJK runs, mixed scripts, phrases,
 * exclusions, text with filters, and filter-only listings, roughly in the proportions of a search
 * log (head queries repeat, most queries are specific).
 */
final class QueryMix {
  record Query(String name, SearchVideos.Command command) {
    String urlPath() {
      StringJoiner params = new StringJoiner("&");
      add(params, "q", command.q());
      add(params, "categoryId", command.categoryId());
      add(params, "duration", command.duration());
      add(params, "uploaded", command.uploaded());
      add(params, "minViews", command.minViews());
      add(params, "access", command.access());
      add(params, "sort", command.sort());
      return "/api/v1/search" + (params.length() == 0 ? "" : "?" + params);
    }

    private static void add(StringJoiner params, String name, Object value) {
      if (value != null) {
        params.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
      }
    }
  }

  private QueryMix() {}

  static List<Query> queries() {
    List<Query> mix = new ArrayList<>();
    // head words
    text(mix, "head.zh", "開箱");
    text(mix, "head.en", "vlog");
    text(mix, "head.zh2", "美食");
    // mid-frequency words
    text(mix, "mid.zh", "珍珠奶茶");
    text(mix, "mid.zh2", "背包客");
    text(mix, "mid.en", "earbuds");
    text(mix, "mid.en2", "tesla");
    text(mix, "mid.zh3", "馬拉松");
    // rare long-tail words (synthetic vocabulary)
    text(mix, "rare.zh", "星雲");
    text(mix, "rare.zh2", "海港燈");
    text(mix, "rare.zh3", "秋夢");
    text(mix, "rare.zh4", "銀河");
    // single CJK characters
    text(mix, "char.common", "貓");
    text(mix, "char.tail", "鹿");
    // long CJK runs
    text(mix, "long.zh", "台北夜市美食");
    text(mix, "long.zh2", "日月潭露營心得");
    // mixed scripts and multi-word
    text(mix, "mixed.iphone", "iPhone 開箱");
    text(mix, "mixed.tokyo", "tokyo 拉麵");
    text(mix, "mixed.python", "python 教學 新手");
    text(mix, "mixed.gopro", "GoPro 登山");
    // phrases and exclusions
    text(mix, "phrase.zh", "\"夜市 美食\"");
    text(mix, "phrase.en", "\"bubble tea\"");
    text(mix, "exclude.zh", "料理 -日本");
    text(mix, "exclude.en", "camping -rain");
    // text with filters and sorts
    mix.add(
        new Query(
            "filter.tech-medium",
            new SearchVideos.Command("開箱", 5L, "medium", null, null, null, null)));
    mix.add(
        new Query(
            "filter.month", new SearchVideos.Command("貓", null, null, "month", null, null, null)));
    mix.add(
        new Query(
            "filter.views-sort",
            new SearchVideos.Command("vlog", null, null, null, null, null, "views")));
    mix.add(
        new Query(
            "filter.minviews",
            new SearchVideos.Command("拉麵", null, null, null, 10_000L, null, null)));
    mix.add(
        new Query(
            "filter.free-newest",
            new SearchVideos.Command("教學", null, null, null, null, "0", "newest")));
    // listings without text
    mix.add(
        new Query(
            "list.newest", new SearchVideos.Command(null, null, null, null, null, null, null)));
    mix.add(
        new Query(
            "list.category", new SearchVideos.Command(null, 6L, null, null, null, null, null)));
    mix.add(
        new Query(
            "list.views", new SearchVideos.Command(null, null, null, null, null, null, "views")));
    mix.add(
        new Query(
            "list.week-short",
            new SearchVideos.Command(null, null, "short", "week", null, null, null)));
    mix.add(
        new Query(
            "list.members", new SearchVideos.Command(null, 11L, "long", null, null, "2", "views")));
    return mix;
  }

  private static void text(List<Query> mix, String name, String q) {
    mix.add(new Query(name, new SearchVideos.Command(q, null, null, null, null, null, null)));
  }
}
