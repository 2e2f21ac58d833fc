package io.fenz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Everything a clone needs is inside the clone: every relative link in README.md, CONTRIBUTING.md
 * and docs/*.md resolves.
 */
@Tag("unit")
class DocsLinksTest {
  /** Markdown links and images: [text](target), the target up to a space, ')' or '#'. */
  private static final Pattern LINK =
      Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s#]*)(#[^)\\s]*)?(\\s+\"[^\"]*\")?\\)");

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void everyRelativeLinkResolvesInsideTheRepository() throws IOException {
    List<String> broken = new ArrayList<>();
    List<Path> pages = pages();
    assertThat(pages)
        .as("the pages checked")
        .contains(ROOT.resolve("README.md"), ROOT.resolve("docs/architecture.md"));
    for (Path page : pages) {
      for (String target : links(Files.readString(page))) {
        Path resolved = page.getParent().resolve(target).normalize();
        if (!resolved.startsWith(ROOT)) {
          broken.add(ROOT.relativize(page) + " -> " + target + " (outside the repository)");
        } else if (!Files.exists(resolved)) {
          broken.add(ROOT.relativize(page) + " -> " + target);
        }
      }
    }
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void theLinkPatternFindsRelativeTargetsAndSkipsUrls() {
    assertThat(
            links(
                "see [a](docs/a.md#part), ![img](img/x.png \"t\"), [web](https://x.org/a.md), and [top](#here)"))
        .containsExactly("docs/a.md", "img/x.png");
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages =
        new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("CONTRIBUTING.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** Relative targets only: URLs with a scheme, mail links and in-page anchors are not files. */
  static List<String> links(String markdown) {
    List<String> targets = new ArrayList<>();
    Matcher m = LINK.matcher(markdown);
    while (m.find()) {
      String target = m.group(1);
      if (!target.isEmpty() && !target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
        targets.add(target);
      }
    }
    return targets;
  }
}
