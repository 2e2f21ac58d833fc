package io.fenz.content.app;

import io.fenz.content.domain.ContentEvents;
import io.fenz.content.domain.Localized;
import io.fenz.content.domain.Tag;
import io.fenz.content.port.AdminCheck;
import io.fenz.content.port.TagRepository;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.error.Validator;
import io.fenz.platform.events.Outbox;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Admin tag management: create, rename, delete. Slugs are lowercase ASCII words joined by dashes.
 */
public final class ManageTags {
  public record TagFields(String slug, String nameZh, String nameEn) {}

  private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
  private final TagRepository tags;
  private final AdminCheck admins;
  private final Outbox outbox;
  private final TransactionRunner transactions;
  private final TagCatalog catalog;

  @Inject
  public ManageTags(
      TagRepository tags,
      AdminCheck admins,
      Outbox outbox,
      TransactionRunner transactions,
      TagCatalog catalog) {
    this.tags = tags;
    this.admins = admins;
    this.outbox = outbox;
    this.transactions = transactions;
    this.catalog = catalog;
  }

  public java.util.List<Tag> list(long actorId) {
    requireAdmin(actorId);
    return tags.list();
  }

  public Tag create(long actorId, TagFields fields) {
    requireAdmin(actorId);
    validate(fields, true);
    try {
      Tag created =
          tags.create(
              fields.slug().strip().toLowerCase(Locale.ROOT),
              new Localized(fields.nameZh().strip(), fields.nameEn().strip()));
      catalog.invalidate();
      return created;
    } catch (TagRepository.SlugTakenException e) {
      throw slugTaken();
    }
  }

  /**
   * Feed cards carry tag ids and names are read per request, so a rename needs no cache eviction.
   */
  public Tag edit(long actorId, long tagId, TagFields fields) {
    requireAdmin(actorId);
    validate(fields, false);
    Tag tag =
        tags.findById(tagId)
            .orElseThrow(() -> FenzException.notFound("tag_not_found", "No such tag."));
    Tag edited =
        new Tag(
            tag.id(),
            fields.slug() == null ? tag.slug() : fields.slug().strip().toLowerCase(Locale.ROOT),
            new Localized(
                fields.nameZh() == null ? tag.name().zh() : fields.nameZh().strip(),
                fields.nameEn() == null ? tag.name().en() : fields.nameEn().strip()));
    try {
      tags.update(edited);
      catalog.invalidate();
    } catch (TagRepository.SlugTakenException e) {
      throw slugTaken();
    }
    return edited;
  }

  public void delete(long actorId, long tagId) {
    requireAdmin(actorId);
    transactions.inTransaction(
        () -> {
          if (!tags.delete(tagId)) {
            throw FenzException.notFound("tag_not_found", "No such tag.");
          }
          outbox.append(ContentEvents.TAG_DELETED, Map.of("tagId", tagId));
        });
    catalog.invalidate();
  }

  private void requireAdmin(long actorId) {
    if (!admins.isAdmin(actorId)) {
      throw FenzException.forbidden("admin_only", "Only administrators may do this.");
    }
  }

  private static void validate(TagFields f, boolean creating) {
    Validator v = new Validator();
    if (creating) {
      v.required("slug", f.slug()).required("nameZh", f.nameZh()).required("nameEn", f.nameEn());
    }
    v.text("slug", f.slug(), 1, 50)
        .text("nameZh", f.nameZh(), 1, 50)
        .text("nameEn", f.nameEn(), 1, 50);
    if (f.slug() != null) {
      v.check(
          SLUG.matcher(f.slug().strip().toLowerCase(Locale.ROOT)).matches(),
          "slug",
          "invalid_slug",
          "slug must be lowercase letters and digits joined by dashes.");
    }
    v.throwIfInvalid();
  }

  private static FenzException slugTaken() {
    return FenzException.conflict("slug_taken", "A tag with this slug already exists.");
  }
}
