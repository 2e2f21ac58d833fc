package io.fenz.seed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The bundled offline demo set (zh-TW, some English): creators with their channels and videos, the
 * viewers who subscribe, watch, join and tip, and the tags the videos use beyond those the schema
 * ships with. Every demo account has an address in {@link #EMAIL_DOMAIN}: that is how the seeder
 * knows which rows it wrote.
 */
public record DemoDataset(
    List<Creator> creators, List<Viewer> viewers, List<DemoVideo> videos, List<NewTag> tags) {
  public static final String EMAIL_DOMAIN = "demo.fenz.local";
  public static final String PASSWORD = "fenz-demo-pass";
  public static final String CURRENCY = "TWD";

  /** {@code membershipPrice} in minor units, 0 when the channel sells no membership. */
  public record Creator(
      String handle,
      String displayName,
      String categorySlug,
      long membershipPrice,
      String channelDescription) {
    public String email() {
      return handle + "@" + EMAIL_DOMAIN;
    }
  }

  public record Viewer(String handle, String displayName) {
    public String email() {
      return handle + "@" + EMAIL_DOMAIN;
    }
  }

  /**
   * {@code clip}: 1 (shortest) to {@link DemoMedia#CLIPS} (longest) of the generated clips this
   * video plays.
   */
  public record DemoVideo(
      String creatorHandle,
      List<String> tagSlugs,
      int accessTier,
      int clip,
      String title,
      String description) {}

  public record NewTag(String slug, String nameZh, String nameEn) {}

  public static DemoDataset load() {
    List<Creator> creators =
        rows("creators.tsv", 5).stream()
            .map(c -> new Creator(c[0], c[1], c[2], Long.parseLong(c[3]), c[4]))
            .toList();
    List<Viewer> viewers =
        rows("viewers.tsv", 2).stream().map(c -> new Viewer(c[0], c[1])).toList();
    List<DemoVideo> videos =
        rows("videos.tsv", 6).stream()
            .map(
                c ->
                    new DemoVideo(
                        c[0],
                        List.of(c[1].split(",")),
                        Integer.parseInt(c[2]),
                        Integer.parseInt(c[3]),
                        c[4],
                        c[5]))
            .toList();
    List<NewTag> tags =
        rows("tags.tsv", 3).stream().map(c -> new NewTag(c[0], c[1], c[2])).toList();
    DemoDataset dataset = new DemoDataset(creators, viewers, videos, tags);
    dataset.check();
    return dataset;
  }

  /** This set with {@code extra} videos after the bundled ones. */
  public DemoDataset with(List<DemoVideo> extra) {
    if (extra.isEmpty()) {
      return this;
    }
    List<DemoVideo> all = new ArrayList<>(videos);
    all.addAll(extra);
    DemoDataset dataset = new DemoDataset(creators, viewers, List.copyOf(all), tags);
    dataset.check();
    return dataset;
  }

  /** Every email the set owns. */
  public Set<String> emails() {
    Set<String> emails = creators.stream().map(Creator::email).collect(Collectors.toSet());
    viewers.forEach(v -> emails.add(v.email()));
    return emails;
  }

  /** A typo in the bundled files fails here, at load, rather than as a half-written database. */
  private void check() {
    Set<String> handles = creators.stream().map(Creator::handle).collect(Collectors.toSet());
    for (DemoVideo video : videos) {
      Creator creator =
          creators.stream()
              .filter(c -> c.handle().equals(video.creatorHandle()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "demo video '"
                              + video.title()
                              + "' names unknown creator "
                              + video.creatorHandle()));
      if (video.accessTier() < 0
          || video.accessTier() > 2
          || (video.accessTier() == 2 && creator.membershipPrice() == 0)) {
        throw new IllegalStateException(
            "demo video '"
                + video.title()
                + "' has tier "
                + video.accessTier()
                + " its channel cannot sell");
      }
      if (video.clip() < 1 || video.clip() > DemoMedia.CLIPS) {
        throw new IllegalStateException(
            "demo video '" + video.title() + "' names clip " + video.clip());
      }
    }
    if (handles.size() != creators.size()
        || viewers.stream().anyMatch(v -> handles.contains(v.handle()))) {
      throw new IllegalStateException("demo handles must be unique");
    }
  }

  private static List<String[]> rows(String resource, int columns) {
    try (var in =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(DemoDataset.class.getResourceAsStream(resource), resource),
                StandardCharsets.UTF_8))) {
      List<String[]> rows = new ArrayList<>();
      int number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t");
        if (cells.length != columns) {
          throw new IllegalStateException(
              resource + " line " + number + ": " + cells.length + " columns, expected " + columns);
        }
        rows.add(cells);
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
