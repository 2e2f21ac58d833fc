package io.fenz.http.routes;

import io.fenz.content.app.AdoptGuestTags;
import io.fenz.content.domain.Viewer;
import io.fenz.http.support.Access;
import io.fenz.http.support.ClientAddress;
import io.fenz.http.support.Principals;
import io.fenz.http.support.Requests;
import io.fenz.http.support.RouteTable;
import io.fenz.http.support.Viewers;
import io.fenz.identity.app.GetProfile;
import io.fenz.identity.app.LogIn;
import io.fenz.identity.app.LogOut;
import io.fenz.identity.app.RefreshSession;
import io.fenz.identity.app.RegisterUser;
import io.fenz.identity.domain.Session;
import io.fenz.identity.domain.TokenPair;
import jakarta.inject.Inject;
import java.time.Instant;

/** /api/v1/auth: sign-up, login, token refresh (rotation) and logout. */
public final class AuthRoutes implements RouteGroup {
  public record RegisterRequest(String email, String password, String displayName) {}

  public record LoginRequest(String email, String password) {}

  public record RefreshRequest(String refreshToken) {}

  public record AuthResponse(
      UserView user,
      String accessToken,
      Instant accessTokenExpiresAt,
      String refreshToken,
      Instant refreshTokenExpiresAt) {
    static AuthResponse of(Session session, Long channelId) {
      TokenPair t = session.tokens();
      var u = session.user();
      return new AuthResponse(
          new UserView(
              u.id(), u.email(), u.displayName(), u.role(), u.hidden(), u.createdAt(), channelId),
          t.accessToken(),
          t.accessTokenExpiresAt(),
          t.refreshToken(),
          t.refreshTokenExpiresAt());
    }
  }

  private final Requests requests;
  private final Principals principals;
  private final RegisterUser registerUser;
  private final LogIn logIn;
  private final RefreshSession refreshSession;
  private final LogOut logOut;
  private final GetProfile getProfile;
  private final AdoptGuestTags adoptGuestTags;
  private final ClientAddress clientAddress;

  @Inject
  public AuthRoutes(
      Requests requests,
      Principals principals,
      RegisterUser registerUser,
      LogIn logIn,
      RefreshSession refreshSession,
      LogOut logOut,
      GetProfile getProfile,
      AdoptGuestTags adoptGuestTags,
      ClientAddress clientAddress) {
    this.requests = requests;
    this.principals = principals;
    this.registerUser = registerUser;
    this.logIn = logIn;
    this.refreshSession = refreshSession;
    this.logOut = logOut;
    this.getProfile = getProfile;
    this.adoptGuestTags = adoptGuestTags;
    this.clientAddress = clientAddress;
  }

  @Override
  public void register(RouteTable routes) {
    routes.tag("auth");
    routes
        .post("/api/v1/auth/register")
        .guestSession()
        .summary("Create an account and its channel; signs in")
        .request(RegisterRequest.class)
        .response(AuthResponse.class)
        .status(201)
        .errors("validation_failed", "email_taken", "invalid_session_id", "rate_limited", "busy")
        .handle(
            ctx -> {
              String guestSession = Viewer.sessionId(ctx.header(Viewers.SESSION_HEADER));
              RegisterRequest body = requests.body(ctx, RegisterRequest.class);
              Session session =
                  registerUser.execute(
                      new RegisterUser.Command(
                          body.email(),
                          body.password(),
                          body.displayName(),
                          clientAddress.of(ctx)));
              adoptGuestTags.execute(session.user().id(), guestSession);
              ctx.status(201).json(withChannel(session));
            });
    routes
        .post("/api/v1/auth/login")
        .guestSession()
        .summary("Sign in with email and password")
        .request(LoginRequest.class)
        .response(AuthResponse.class)
        .errors(
            "validation_failed",
            "invalid_credentials",
            "account_hidden",
            "rate_limited",
            "busy",
            "invalid_session_id")
        .handle(
            ctx -> {
              String guestSession = Viewer.sessionId(ctx.header(Viewers.SESSION_HEADER));
              LoginRequest body = requests.body(ctx, LoginRequest.class);
              Session session =
                  logIn.execute(
                      new LogIn.Command(body.email(), body.password(), clientAddress.of(ctx)));
              adoptGuestTags.execute(session.user().id(), guestSession);
              ctx.json(withChannel(session));
            });
    routes
        .post("/api/v1/auth/refresh")
        .summary("Trade a refresh token for a new pair; the old one is revoked")
        .request(RefreshRequest.class)
        .response(AuthResponse.class)
        .errors("validation_failed", "invalid_refresh_token", "refresh_token_reused")
        .handle(
            ctx -> {
              RefreshRequest body = requests.body(ctx, RefreshRequest.class);
              ctx.json(
                  withChannel(
                      refreshSession.execute(new RefreshSession.Command(body.refreshToken()))));
            });
    routes
        .post("/api/v1/auth/logout")
        .summary("Revoke the given refresh token (and its rotations)")
        .access(Access.USER)
        .request(RefreshRequest.class)
        .status(204)
        .errors("validation_failed")
        .handle(
            ctx -> {
              long userId = principals.require(ctx).userId();
              RefreshRequest body = requests.body(ctx, RefreshRequest.class);
              logOut.execute(new LogOut.Command(userId, body.refreshToken()));
              ctx.status(204);
            });
  }

  private AuthResponse withChannel(Session session) {
    return AuthResponse.of(session, getProfile.execute(session.user().id()).channelId());
  }
}
