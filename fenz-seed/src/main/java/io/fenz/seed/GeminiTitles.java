package io.fenz.seed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fenz.content.domain.VideoRules;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extra demo videos whose titles and descriptions come from the Gemini API ({@code
 * models/{model}:generateContent}, answer asked for as a JSON array), only when {@code
 * GEMINI_API_KEY} is set. Each suggestion goes to a demo channel in turn, with that channel's first
 * bundled video's tags, public, playing one of the generated clips. Any failure (network, timeout,
 * HTTP error, an answer that is not the asked JSON) means no extras and one log line: the bundled
 * set is written either way.
 */
public final class GeminiTitles implements DemoSeeder.ExtraVideos {
  public static final String API_KEY = "GEMINI_API_KEY";
  public static final String MODEL = "GEMINI_MODEL";
  public static final String ENDPOINT = "GEMINI_ENDPOINT";
  static final String DEFAULT_ENDPOINT = "https://generativelanguage.googleapis.com";
  static final String DEFAULT_MODEL = "gemini-2.5-flash";
  private static final Logger LOG = LoggerFactory.getLogger(GeminiTitles.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);

  static final int EXTRA_VIDEOS = 20;
  private final String apiKey;
  private final URI url;
  private final int count;
  private final Duration timeout;
  private final HttpClient http;

  GeminiTitles(String apiKey, String endpoint, String model, int count, Duration timeout) {
    this.apiKey = apiKey;
    this.url =
        URI.create(endpoint.replaceAll("/+$", "") + "/v1beta/models/" + model + ":generateContent");
    this.count = count;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT)
            .build();
  }

  /**
   * {@value #EXTRA_VIDEOS} extra videos from Gemini when the environment has {@value #API_KEY};
   * otherwise none (and no request).
   */
  public static DemoSeeder.ExtraVideos fromEnvironment(Map<String, String> env) {
    String key = env.get(API_KEY);
    if (key == null || key.isBlank()) {
      return DemoSeeder.ExtraVideos.NONE;
    }
    return new GeminiTitles(
        key.strip(),
        env.getOrDefault(ENDPOINT, DEFAULT_ENDPOINT),
        env.getOrDefault(MODEL, DEFAULT_MODEL),
        EXTRA_VIDEOS,
        ANSWER_TIMEOUT);
  }

  @Override
  public List<DemoDataset.DemoVideo> suggest(DemoDataset data) {
    try {
      return videos(data, ask(data));
    } catch (Exception e) {
      LOG.warn(
          "Gemini titles unavailable ({}); seeding the bundled set only",
          e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      return List.of();
    }
  }

  private JsonNode ask(DemoDataset data) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("contents")
        .addObject()
        .put("role", "user")
        .putArray("parts")
        .addObject()
        .put("text", prompt(data));
    body.putObject("generationConfig").put("responseMimeType", "application/json");
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("x-goog-api-key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode());
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode part :
        JSON.readTree(response.body()).path("candidates").path(0).path("content").path("parts")) {
      text.append(part.path("text").asText(""));
    }
    JsonNode suggestions = JSON.readTree(text.toString());
    if (suggestions == null || !suggestions.isArray()) {
      throw new IllegalStateException("the answer is not a JSON array");
    }
    return suggestions;
  }

  private String prompt(DemoDataset data) {
    StringBuilder examples = new StringBuilder();
    data.videos().stream()
        .limit(5)
        .forEach(v -> examples.append("- ").append(v.title()).append('\n'));
    return "You write demo data for a Taiwanese video platform. Suggest "
        + count
        + " new videos: natural Traditional Chinese (zh-TW) titles, a few in English, in the style of:\n"
        + examples
        + "Answer only with a JSON array of objects {\"title\": string (at most 60 characters),"
        + " \"description\": string (one or two sentences)}.";
  }

  /** Usable suggestions only (a title in the rules, not already in the set), at most count. */
  private List<DemoDataset.DemoVideo> videos(DemoDataset data, JsonNode suggestions) {
    Set<String> titles = new HashSet<>();
    data.videos().forEach(v -> titles.add(v.title()));
    List<DemoDataset.DemoVideo> videos = new ArrayList<>();
    for (JsonNode suggestion : suggestions) {
      String title = suggestion.path("title").asText("").strip();
      String description = suggestion.path("description").asText("").strip();
      if (videos.size() == count
          || title.isEmpty()
          || title.length() > VideoRules.TITLE_MAX
          || description.length() > VideoRules.DESCRIPTION_MAX
          || !titles.add(title)) {
        continue;
      }
      DemoDataset.Creator creator = data.creators().get(videos.size() % data.creators().size());
      List<String> tags =
          data.videos().stream()
              .filter(v -> v.creatorHandle().equals(creator.handle()))
              .findFirst()
              .map(DemoDataset.DemoVideo::tagSlugs)
              .orElse(List.of());
      videos.add(
          new DemoDataset.DemoVideo(
              creator.handle(), tags, 0, videos.size() % DemoMedia.CLIPS + 1, title, description));
    }
    LOG.info("Gemini suggested {} extra demo videos", videos.size());
    return videos;
  }
}
