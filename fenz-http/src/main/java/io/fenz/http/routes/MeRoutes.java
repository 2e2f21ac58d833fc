package io.fenz.http.routes;

import io.fenz.content.app.DeleteMyChannel;
import io.fenz.http.support.Access;
import io.fenz.http.support.Principals;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.identity.app.ChangePassword;
import io.fenz.identity.app.DeleteMyAccount;
import io.fenz.identity.app.GetProfile;
import io.fenz.identity.app.HideMyAccount;
import io.fenz.identity.app.UpdateProfile;
import io.fenz.identity.domain.TokenPair;
import jakarta.inject.Inject;
import java.time.Instant;

/** /api/v1/me: the caller's own profile and password. */
public final class MeRoutes implements RouteGroup {
  public record UpdateProfileRequest(String displayName) {}

  public record ChangePasswordRequest(String currentPassword, String newPassword) {}

  public record TokensResponse(
      String accessToken,
      Instant accessTokenExpiresAt,
      String refreshToken,
      Instant refreshTokenExpiresAt) {
    static TokensResponse of(TokenPair t) {
      return new TokensResponse(
          t.accessToken(), t.accessTokenExpiresAt(), t.refreshToken(), t.refreshTokenExpiresAt());
    }
  }

  private final Requests requests;
  private final Principals principals;
  private final GetProfile getProfile;
  private final UpdateProfile updateProfile;
  private final ChangePassword changePassword;
  private final HideMyAccount hideMyAccount;
  private final DeleteMyAccount deleteMyAccount;
  private final DeleteMyChannel deleteMyChannel;

  @Inject
  public MeRoutes(
      Requests requests,
      Principals principals,
      GetProfile getProfile,
      UpdateProfile updateProfile,
      ChangePassword changePassword,
      HideMyAccount hideMyAccount,
      DeleteMyAccount deleteMyAccount,
      DeleteMyChannel deleteMyChannel) {
    this.requests = requests;
    this.principals = principals;
    this.getProfile = getProfile;
    this.updateProfile = updateProfile;
    this.changePassword = changePassword;
    this.hideMyAccount = hideMyAccount;
    this.deleteMyAccount = deleteMyAccount;
    this.deleteMyChannel = deleteMyChannel;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("me");
    routes
        .get("/api/v1/me")
        .summary("The caller's profile, with its channel id")
        .access(Access.USER)
        .response(UserView.class)
        .errors("account_unavailable")
        .handle(ctx -> ctx.json(UserView.of(getProfile.execute(principals.require(ctx).userId()))));
    routes
        .patch("/api/v1/me")
        .summary("Change the display name")
        .access(Access.USER)
        .request(UpdateProfileRequest.class)
        .response(UserView.class)
        .errors("validation_failed", "account_unavailable")
        .handle(
            ctx -> {
              long userId = principals.require(ctx).userId();
              UpdateProfileRequest body = requests.body(ctx, UpdateProfileRequest.class);
              ctx.json(
                  UserView.of(
                      updateProfile.execute(
                          new UpdateProfile.Command(userId, body.displayName()))));
            });
    routes
        .put("/api/v1/me/password")
        .summary("Change the password; other sessions are signed out, this one gets new tokens")
        .access(Access.USER)
        .request(ChangePasswordRequest.class)
        .response(TokensResponse.class)
        .errors("validation_failed", "account_unavailable")
        .handle(
            ctx -> {
              long userId = principals.require(ctx).userId();
              ChangePasswordRequest body = requests.body(ctx, ChangePasswordRequest.class);
              ctx.json(
                  TokensResponse.of(
                      changePassword.execute(
                          new ChangePassword.Command(
                              userId, body.currentPassword(), body.newPassword()))));
            });
    routes
        .post("/api/v1/me/hide")
        .summary("Hide your account, channel and videos (an admin can restore them); signs you out")
        .access(Access.USER)
        .response(UserView.class)
        .errors("account_unavailable", "last_admin")
        .handle(
            ctx -> ctx.json(UserView.of(hideMyAccount.execute(principals.require(ctx).userId()))));
    routes
        .delete("/api/v1/me")
        .summary("Delete your account and everything it owns, for good")
        .access(Access.USER)
        .status(204)
        .errors("last_admin")
        .handle(
            ctx -> {
              deleteMyAccount.execute(principals.require(ctx).userId());
              ctx.status(204);
            });
    routes
        .delete("/api/v1/me/channel")
        .summary("Delete your channel and its videos; the account stays")
        .access(Access.USER)
        .status(204)
        .errors("channel_not_found")
        .handle(
            ctx -> {
              deleteMyChannel.execute(principals.require(ctx).userId());
              ctx.status(204);
            });
  }
}
