package io.fenz.seed;

import io.fenz.content.app.CreateVideo;
import io.fenz.content.app.TogglePublish;
import io.fenz.content.app.UploadMedia;
import io.fenz.content.domain.Tag;
import io.fenz.content.port.TagRepository;
import io.fenz.content.port.VideoRepository;
import io.fenz.identity.app.CreateAccount;
import io.fenz.identity.app.GrantAdmin;
import io.fenz.identity.domain.Role;
import io.fenz.identity.port.UserRepository;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Idempotent demo data: the demo admin plus the bundled zh-TW creators (each with its channel)
 * and their published videos (one small bundled clip; thumbnails come from the worker's
 * ffmpeg job where ffmpeg exists). Running it again adds only what is missing.
 */
public final class DemoSeeder {
  public static final String DEMO_PASSWORD = "fenz-demo-pass";

  public record Creator(String email, String displayName) {}

  public record DemoVideo(String creatorEmail, String title, String description, List<String> tagSlugs, int accessTier) {}

  public record Report(boolean adminCreated, int creatorsCreated, int creatorsTotal, int videosCreated) {}

  private final GrantAdmin grantAdmin;
  private final CreateAccount createAccount;
  private final UserRepository users;
  private final TagRepository tags;
  private final VideoRepository videos;
  private final UploadMedia uploadMedia;
  private final CreateVideo createVideo;
  private final TogglePublish togglePublish;

  @Inject
  public DemoSeeder(GrantAdmin grantAdmin, CreateAccount createAccount, UserRepository users, TagRepository tags, VideoRepository videos,
                    UploadMedia uploadMedia, CreateVideo createVideo, TogglePublish togglePublish) {
    this.grantAdmin = grantAdmin;
    this.createAccount = createAccount;
    this.users = users;
    this.tags = tags;
    this.videos = videos;
    this.uploadMedia = uploadMedia;
    this.createVideo = createVideo;
    this.togglePublish = togglePublish;
  }

  public Report seed(String adminEmail, String adminPassword) {
    boolean adminCreated = users.findByEmail(adminEmail.toLowerCase()).isEmpty()
        && grantAdmin.execute(new GrantAdmin.Command(adminEmail, adminPassword, "FenzVideo 管理員")).created();
    List<Creator> creators = creators();
    int created = 0;
    for (Creator creator : creators) {
      if (users.findByEmail(creator.email()).isEmpty()) {
        createAccount.execute(new CreateAccount.Command(creator.email(), DEMO_PASSWORD, creator.displayName(), Role.USER));
        created++;
      }
    }
    return new Report(adminCreated, created, creators.size(), seedVideos());
  }

  /** Each demo creator gets its videos once: a creator that already has any is left alone. */
  private int seedVideos() {
    Map<String, Long> tagIds = tags.list().stream().collect(Collectors.toMap(Tag::slug, Tag::id));
    Map<String, List<DemoVideo>> byCreator = demoVideos().stream().collect(Collectors.groupingBy(DemoVideo::creatorEmail));
    int created = 0;
    for (var entry : byCreator.entrySet()) {
      long userId = users.findByEmail(entry.getKey()).orElseThrow().id();
      if (!videos.allOfOwner(userId).isEmpty()) {
        continue;
      }
      for (DemoVideo demo : entry.getValue()) {
        UploadMedia.Result clip;
        try (InputStream in = Objects.requireNonNull(DemoSeeder.class.getResourceAsStream("demo-clip.mp4"))) {
          clip = uploadMedia.execute(new UploadMedia.Command(userId, UploadMedia.Purpose.VIDEO, in, -1));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        List<Long> tagList = demo.tagSlugs().stream().map(tagIds::get).filter(Objects::nonNull).toList();
        var video = createVideo.execute(new CreateVideo.Command(userId, demo.title(), demo.description(), null, tagList,
            demo.accessTier(), clip.key(), null, 2));
        togglePublish.execute(userId, video.id());
        created++;
      }
    }
    return created;
  }

  public static List<Creator> creators() {
    return rows("demo-creators.tsv").stream().map(cells -> new Creator(cells[0], cells[1])).toList();
  }

  public static List<DemoVideo> demoVideos() {
    return rows("demo-videos.tsv").stream()
        .map(cells -> new DemoVideo(cells[0], cells[1], cells[2], List.of(cells[3].split(",")), Integer.parseInt(cells[4]))).toList();
  }

  private static List<String[]> rows(String resource) {
    try (var in = new BufferedReader(new InputStreamReader(
        Objects.requireNonNull(DemoSeeder.class.getResourceAsStream(resource)), StandardCharsets.UTF_8))) {
      List<String[]> rows = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          rows.add(line.split("\t"));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
