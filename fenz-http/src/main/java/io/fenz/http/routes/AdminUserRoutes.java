package io.fenz.http.routes;

import io.fenz.http.support.Access;
import io.fenz.http.support.Principals;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.identity.app.CreateUser;
import io.fenz.identity.app.DeleteUser;
import io.fenz.identity.app.EditUser;
import io.fenz.identity.app.GetUser;
import io.fenz.identity.app.HideUser;
import io.fenz.identity.app.ListUsers;
import io.fenz.identity.app.RestoreUser;
import io.fenz.identity.domain.Role;
import io.fenz.platform.Page;
import jakarta.inject.Inject;
import org.jspecify.annotations.Nullable;

/** /api/v1/admin/users: user management for administrators. */
public final class AdminUserRoutes implements RouteGroup {
  public record CreateUserRequest(
      String email, String password, String displayName, @Nullable Role role) {}

  /** A field left out keeps its value. */
  public record EditUserRequest(
      @Nullable String email, @Nullable String displayName, @Nullable Role role) {}

  private final Requests requests;
  private final Principals principals;
  private final ListUsers listUsers;
  private final GetUser getUser;
  private final CreateUser createUser;
  private final EditUser editUser;
  private final HideUser hideUser;
  private final RestoreUser restoreUser;
  private final DeleteUser deleteUser;

  @Inject
  public AdminUserRoutes(
      Requests requests,
      Principals principals,
      ListUsers listUsers,
      GetUser getUser,
      CreateUser createUser,
      EditUser editUser,
      HideUser hideUser,
      RestoreUser restoreUser,
      DeleteUser deleteUser) {
    this.requests = requests;
    this.principals = principals;
    this.listUsers = listUsers;
    this.getUser = getUser;
    this.createUser = createUser;
    this.editUser = editUser;
    this.hideUser = hideUser;
    this.restoreUser = restoreUser;
    this.deleteUser = deleteUser;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("admin");
    routes
        .get("/api/v1/admin/users")
        .summary("List users; filters q (email or name), role, hidden")
        .access(Access.ADMIN)
        .pageOf(UserView.class)
        .errors("invalid_request")
        .handle(
            ctx -> {
              long actor = principals.require(ctx).userId();
              var page =
                  listUsers.execute(
                      new ListUsers.Query(
                          actor,
                          ctx.queryParam("q"),
                          Requests.queryEnum(ctx, "role", Role.class),
                          Requests.queryBoolean(ctx, "hidden"),
                          Requests.page(ctx)));
              ctx.json(
                  new Page<>(
                      page.items().stream().map(UserView::of).toList(),
                      page.page(),
                      page.pageSize(),
                      page.total()));
            });
    routes
        .post("/api/v1/admin/users")
        .summary("Create a user (with its channel)")
        .access(Access.ADMIN)
        .request(CreateUserRequest.class)
        .response(UserView.class)
        .status(201)
        .errors("validation_failed", "email_taken")
        .handle(
            ctx -> {
              long actor = principals.require(ctx).userId();
              CreateUserRequest body = requests.body(ctx, CreateUserRequest.class);
              ctx.status(201)
                  .json(
                      UserView.of(
                          createUser.execute(
                              new CreateUser.Command(
                                  actor,
                                  body.email(),
                                  body.password(),
                                  body.displayName(),
                                  body.role()))));
            });
    routes
        .get("/api/v1/admin/users/{id}")
        .summary("One user, hidden or not")
        .access(Access.ADMIN)
        .response(UserView.class)
        .errors("user_not_found")
        .handle(
            ctx ->
                ctx.json(
                    UserView.of(
                        getUser.execute(
                            new GetUser.Query(
                                principals.require(ctx).userId(), Requests.pathId(ctx, "id"))))));
    routes
        .patch("/api/v1/admin/users/{id}")
        .summary("Edit email, display name or role")
        .access(Access.ADMIN)
        .request(EditUserRequest.class)
        .response(UserView.class)
        .errors("validation_failed", "user_not_found", "email_taken", "last_admin")
        .handle(
            ctx -> {
              long actor = principals.require(ctx).userId();
              long target = Requests.pathId(ctx, "id");
              EditUserRequest body = requests.body(ctx, EditUserRequest.class);
              ctx.json(
                  UserView.of(
                      editUser.execute(
                          new EditUser.Command(
                              actor, target, body.email(), body.displayName(), body.role()))));
            });
    routes
        .post("/api/v1/admin/users/{id}/hide")
        .summary("Hide a user with its channel and videos; ends its sessions")
        .access(Access.ADMIN)
        .response(UserView.class)
        .errors("user_not_found", "cannot_delete_self", "last_admin")
        .handle(
            ctx ->
                ctx.json(
                    UserView.of(
                        hideUser.execute(
                            new HideUser.Command(
                                principals.require(ctx).userId(), Requests.pathId(ctx, "id"))))));
    routes
        .post("/api/v1/admin/users/{id}/restore")
        .summary("Make a hidden user visible again")
        .access(Access.ADMIN)
        .response(UserView.class)
        .errors("user_not_found")
        .handle(
            ctx ->
                ctx.json(
                    UserView.of(
                        restoreUser.execute(
                            new RestoreUser.Command(
                                principals.require(ctx).userId(), Requests.pathId(ctx, "id"))))));
    routes
        .delete("/api/v1/admin/users/{id}")
        .summary("Delete a user and everything it owns")
        .access(Access.ADMIN)
        .status(204)
        .errors("user_not_found", "cannot_delete_self", "last_admin")
        .handle(
            ctx -> {
              deleteUser.execute(
                  new DeleteUser.Command(
                      principals.require(ctx).userId(), Requests.pathId(ctx, "id")));
              ctx.status(204);
            });
  }
}
