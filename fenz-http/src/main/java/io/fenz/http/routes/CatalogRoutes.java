package io.fenz.http.routes;

import io.fenz.content.app.GetMyTags;
import io.fenz.content.app.ListCategories;
import io.fenz.content.app.ListTags;
import io.fenz.content.app.ManageTags;
import io.fenz.content.app.SetMyTags;
import io.fenz.content.domain.Category;
import io.fenz.content.domain.Tag;
import io.fenz.content.domain.Viewer;
import io.fenz.http.support.Access;
import io.fenz.http.support.Principals;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.http.support.Viewers;
import jakarta.inject.Inject;
import java.util.List;

/** Categories, tags, the viewer's tag picks, and admin tag management. */
public final class CatalogRoutes implements RouteGroup {
  public record CategoryView(long id, String slug, String name) {
    static CategoryView of(Category c, String language) {
      return new CategoryView(c.id(), c.slug(), c.name().in(language));
    }
  }

  public record TagView(long id, String slug, String name) {
    public static TagView of(Tag t, String language) {
      return new TagView(t.id(), t.slug(), t.name().in(language));
    }
  }

  public record AdminTagView(long id, String slug, String nameZh, String nameEn) {
    static AdminTagView of(Tag t) {
      return new AdminTagView(t.id(), t.slug(), t.name().zh(), t.name().en());
    }
  }

  public record CategoryList(List<CategoryView> items) {}

  public record TagList(List<TagView> items) {}

  public record AdminTagList(List<AdminTagView> items) {}

  public record MyTags(List<Long> tagIds, List<TagView> tags) {
    static MyTags of(List<Tag> tags, String language) {
      return new MyTags(
          tags.stream().map(Tag::id).toList(),
          tags.stream().map(t -> TagView.of(t, language)).toList());
    }
  }

  public record SetTagsRequest(List<Long> tagIds) {}

  public record TagRequest(String slug, String nameZh, String nameEn) {}

  private final Requests requests;
  private final Principals principals;
  private final Viewers viewers;
  private final ListCategories listCategories;
  private final ListTags listTags;
  private final GetMyTags getMyTags;
  private final SetMyTags setMyTags;
  private final ManageTags manageTags;

  @Inject
  public CatalogRoutes(
      Requests requests,
      Principals principals,
      Viewers viewers,
      ListCategories listCategories,
      ListTags listTags,
      GetMyTags getMyTags,
      SetMyTags setMyTags,
      ManageTags manageTags) {
    this.requests = requests;
    this.principals = principals;
    this.viewers = viewers;
    this.listCategories = listCategories;
    this.listTags = listTags;
    this.getMyTags = getMyTags;
    this.setMyTags = setMyTags;
    this.manageTags = manageTags;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("catalog");
    routes
        .get("/api/v1/categories")
        .summary("All categories, names in the Accept-Language (zh-TW default, en)")
        .response(CategoryList.class)
        .handle(
            ctx ->
                ctx.json(
                    new CategoryList(
                        listCategories.execute().stream()
                            .map(c -> CategoryView.of(c, Viewers.language(ctx)))
                            .toList())));
    routes
        .get("/api/v1/tags")
        .summary("All tags, names in the Accept-Language")
        .response(TagList.class)
        .handle(
            ctx ->
                ctx.json(
                    new TagList(
                        listTags.execute().stream()
                            .map(t -> TagView.of(t, Viewers.language(ctx)))
                            .toList())));
    routes
        .get("/api/v1/me/tags")
        .guestSession()
        .summary("The viewer's tags (user, or guest by X-Session-Id)")
        .response(MyTags.class)
        .errors("session_required", "invalid_session_id")
        .handle(
            ctx -> ctx.json(MyTags.of(getMyTags.execute(viewers.of(ctx)), Viewers.language(ctx))));
    routes
        .put("/api/v1/me/tags")
        .guestSession()
        .summary("Replace the viewer's tags: at most 5 distinct existing tags")
        .request(SetTagsRequest.class)
        .response(MyTags.class)
        .errors(
            "validation_failed",
            "tag_limit_exceeded",
            "unknown_tag",
            "session_required",
            "invalid_session_id")
        .handle(
            ctx -> {
              Viewer viewer = viewers.of(ctx);
              SetTagsRequest body = requests.body(ctx, SetTagsRequest.class);
              ctx.json(MyTags.of(setMyTags.execute(viewer, body.tagIds()), Viewers.language(ctx)));
            });

    routes.tag("admin");
    routes
        .get("/api/v1/admin/tags")
        .summary("All tags with both names")
        .access(Access.ADMIN)
        .response(AdminTagList.class)
        .handle(
            ctx ->
                ctx.json(
                    new AdminTagList(
                        manageTags.list(principals.require(ctx).userId()).stream()
                            .map(AdminTagView::of)
                            .toList())));
    routes
        .post("/api/v1/admin/tags")
        .summary("Create a tag")
        .access(Access.ADMIN)
        .request(TagRequest.class)
        .response(AdminTagView.class)
        .status(201)
        .errors("validation_failed", "slug_taken")
        .handle(
            ctx -> {
              long actor = principals.require(ctx).userId();
              TagRequest body = requests.body(ctx, TagRequest.class);
              ctx.status(201)
                  .json(
                      AdminTagView.of(
                          manageTags.create(
                              actor,
                              new ManageTags.TagFields(
                                  body.slug(), body.nameZh(), body.nameEn()))));
            });
    routes
        .patch("/api/v1/admin/tags/{id}")
        .summary("Rename a tag (slug and/or names)")
        .access(Access.ADMIN)
        .request(TagRequest.class)
        .response(AdminTagView.class)
        .errors("validation_failed", "slug_taken", "tag_not_found")
        .handle(
            ctx -> {
              long actor = principals.require(ctx).userId();
              long id = Requests.pathId(ctx, "id");
              TagRequest body = requests.body(ctx, TagRequest.class);
              ctx.json(
                  AdminTagView.of(
                      manageTags.edit(
                          actor,
                          id,
                          new ManageTags.TagFields(body.slug(), body.nameZh(), body.nameEn()))));
            });
    routes
        .delete("/api/v1/admin/tags/{id}")
        .summary("Delete a tag (removed from videos and viewers' picks)")
        .access(Access.ADMIN)
        .status(204)
        .errors("tag_not_found")
        .handle(
            ctx -> {
              manageTags.delete(principals.require(ctx).userId(), Requests.pathId(ctx, "id"));
              ctx.status(204);
            });
  }
}
