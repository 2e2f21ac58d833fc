package io.fenz.seed;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The Gemini client against an in-test server that answers as the generateContent REST method does:
 * a candidate whose content parts hold the text (here the asked-for JSON array).
 */
@Tag("unit")
class GeminiTitlesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "test-gemini-key";
  private static final String MODEL = "gemini-test";
  private final DemoDataset data = DemoDataset.load();
  private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private HttpServer gemini;
  private volatile Answer answer;

  private interface Answer {
    void send(HttpExchange exchange) throws Exception;
  }

  @BeforeEach
  void start() throws IOException {
    gemini = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    gemini.createContext(
        "/v1beta/models/" + MODEL + ":generateContent",
        exchange -> {
          try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")
                || !KEY.equals(exchange.getRequestHeaders().getFirst("x-goog-api-key"))) {
              reply(exchange, 403, error(403, "PERMISSION_DENIED"));
              return;
            }
            requests.add(JSON.readTree(exchange.getRequestBody()));
            answer.send(exchange);
          } catch (Exception e) {
            throw new IOException(e);
          }
        });
    gemini.start();
    Logger logger = (Logger) LoggerFactory.getLogger(GeminiTitles.class);
    logger.setLevel(Level.INFO);
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stop() {
    ((Logger) LoggerFactory.getLogger(GeminiTitles.class)).detachAppender(log);
    gemini.stop(0);
  }

  private GeminiTitles client(String key, Duration timeout) {
    return new GeminiTitles(
        key, "http://127.0.0.1:" + gemini.getAddress().getPort() + "/", MODEL, 3, timeout);
  }

  @Test
  void suggestionsBecomePublicVideosOfTheDemoChannelsWithoutDuplicatesOrOverlongTitles() {
    String bundled = data.videos().getFirst().title();
    answer =
        exchange ->
            reply(
                exchange,
                200,
                generated(
                    List.of(
                        Map.of("title", "阿里山日出縮時攝影", "description", "凌晨四點上山，等一場雲海。"),
                        Map.of("title", bundled, "description", "已經有了"),
                        Map.of("title", "x".repeat(201), "description", "太長"),
                        Map.of("title", "Taipei night market tour", "description", "Street food."),
                        Map.of("title", "花蓮海岸單車行", "description", "一路向南。"),
                        Map.of("title", "第四支不需要", "description", "超過數量"))));

    List<DemoDataset.DemoVideo> videos = client(KEY, Duration.ofSeconds(10)).suggest(data);

    assertThat(videos)
        .extracting(DemoDataset.DemoVideo::title)
        .containsExactly("阿里山日出縮時攝影", "Taipei night market tour", "花蓮海岸單車行");
    assertThat(videos)
        .allSatisfy(
            v -> {
              assertThat(v.accessTier()).isZero();
              assertThat(v.clip()).isBetween(1, DemoMedia.CLIPS);
              assertThat(v.tagSlugs()).isNotEmpty();
            });
    assertThat(videos.get(0).creatorHandle()).isEqualTo(data.creators().get(0).handle());
    assertThat(videos.get(1).creatorHandle()).isEqualTo(data.creators().get(1).handle());
    assertThat(data.with(videos).videos()).hasSize(data.videos().size() + 3);
    JsonNode request = requests.getFirst();
    assertThat(request.at("/contents/0/parts/0/text").asText()).contains("zh-TW").contains("3");
    assertThat(request.at("/generationConfig/responseMimeType").asText())
        .isEqualTo("application/json");
  }

  @Test
  void anErrorAnswerMeansNoExtrasAndOneLogLine() {
    answer = exchange -> reply(exchange, 429, error(429, "RESOURCE_EXHAUSTED"));
    assertThat(client(KEY, Duration.ofSeconds(10)).suggest(data)).isEmpty();
    assertThat(log.list)
        .singleElement()
        .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
    assertThat(log.list.getFirst().getFormattedMessage()).contains("HTTP 429");
  }

  @Test
  void aWrongKeyMeansNoExtras() {
    answer = exchange -> reply(exchange, 200, generated(List.of()));
    assertThat(client("another-key", Duration.ofSeconds(10)).suggest(data)).isEmpty();
    assertThat(log.list)
        .singleElement()
        .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
  }

  @Test
  void anAnswerThatIsNotTheAskedJsonMeansNoExtras() {
    answer =
        exchange -> {
          ObjectNode body = JSON.createObjectNode();
          body.putArray("candidates")
              .addObject()
              .putObject("content")
              .put("role", "model")
              .putArray("parts")
              .addObject()
              .put("text", "Here are some titles: 阿里山日出");
          reply(exchange, 200, body);
        };
    assertThat(client(KEY, Duration.ofSeconds(10)).suggest(data)).isEmpty();
    assertThat(log.list)
        .singleElement()
        .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
  }

  @Test
  void aServerThatDoesNotAnswerInTimeMeansNoExtras() {
    answer =
        exchange -> {
          Thread.sleep(3_000);
          reply(exchange, 200, generated(List.of(Map.of("title", "太晚了", "description", ""))));
        };
    assertThat(client(KEY, Duration.ofMillis(300)).suggest(data)).isEmpty();
    assertThat(log.list)
        .singleElement()
        .satisfies(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
  }

  @Test
  void withoutAKeyNothingIsAsked() {
    assertThat(GeminiTitles.fromEnvironment(Map.of())).isSameAs(DemoSeeder.ExtraVideos.NONE);
    assertThat(GeminiTitles.fromEnvironment(Map.of(GeminiTitles.API_KEY, " ")))
        .isSameAs(DemoSeeder.ExtraVideos.NONE);
    assertThat(GeminiTitles.fromEnvironment(Map.of(GeminiTitles.API_KEY, KEY)))
        .isInstanceOf(GeminiTitles.class);
    assertThat(requests).isEmpty();
  }

  /** A generateContent answer whose one candidate's text is {@code items} as a JSON array. */
  private static JsonNode generated(List<Map<String, String>> items) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    ObjectNode candidate = body.putArray("candidates").addObject();
    ObjectNode content = candidate.putObject("content");
    content.putArray("parts").addObject().put("text", JSON.writeValueAsString(items));
    content.put("role", "model");
    candidate.put("finishReason", "STOP");
    candidate.put("index", 0);
    body.putObject("usageMetadata")
        .put("promptTokenCount", 120)
        .put("candidatesTokenCount", 80)
        .put("totalTokenCount", 200);
    body.put("modelVersion", MODEL);
    return body;
  }

  private static JsonNode error(int code, String status) {
    ObjectNode body = JSON.createObjectNode();
    body.putObject("error").put("code", code).put("message", status).put("status", status);
    return body;
  }

  private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
