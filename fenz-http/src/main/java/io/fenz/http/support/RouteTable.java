package io.fenz.http.support;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers each route with Javalin and, in the same call, records what the OpenAPI document says
 * about it: a route can't exist without its documentation. The route's declared access is enforced
 * here, before its handler runs, and a GET route also answers HEAD through the same checks and
 * handler (Jetty drops the body).
 */
public final class RouteTable {
  /**
   * One documented operation. {@code request}/{@code response} are record classes or null; {@code
   * readsGuestSession}: the handler reads the guest's X-Session-Id header.
   */
  public record Route(
      HandlerType method,
      String path,
      String tag,
      String summary,
      Access access,
      Class<?> request,
      Class<?> response,
      boolean responseIsPage,
      int status,
      List<String> errorCodes,
      List<QueryParam> queryParams,
      boolean readsGuestSession) {}

  /**
   * A documented query parameter; {@code type} is a JSON schema type, {@code allowed} its values or
   * empty.
   */
  public record QueryParam(String name, String type, List<String> allowed, String description) {}

  /**
   * Refuses a request that the declared access does not allow (401/403), before the handler runs.
   */
  @FunctionalInterface
  public interface Gate {
    void check(Access access, Context ctx);
  }

  private final RoutesConfig routes;
  private final Gate gate;
  private final List<Route> documented = new ArrayList<>();
  private String tag = "default";

  public RouteTable(RoutesConfig routes, Gate gate) {
    this.routes = routes;
    this.gate = gate;
  }

  public RouteTable tag(String name) {
    this.tag = name;
    return this;
  }

  public Builder get(String path) {
    return new Builder(HandlerType.GET, path);
  }

  public Builder post(String path) {
    return new Builder(HandlerType.POST, path);
  }

  public Builder put(String path) {
    return new Builder(HandlerType.PUT, path);
  }

  public Builder patch(String path) {
    return new Builder(HandlerType.PATCH, path);
  }

  public Builder delete(String path) {
    return new Builder(HandlerType.DELETE, path);
  }

  public List<Route> documented() {
    return List.copyOf(documented);
  }

  /** Collects a route's documentation; {@link #handle} registers it. */
  public final class Builder {
    private final HandlerType method;
    private final String path;
    private String summary = "";
    private Access access = Access.ANYONE;
    private Class<?> request;
    private Class<?> response;
    private boolean page;
    private int status = 200;
    private List<String> errors = List.of();
    private final List<QueryParam> queryParams = new ArrayList<>();
    private boolean guestSession;

    private Builder(HandlerType method, String path) {
      this.method = method;
      this.path = path;
    }

    public Builder summary(String text) {
      this.summary = text;
      return this;
    }

    public Builder access(Access who) {
      this.access = who;
      return this;
    }

    public Builder request(Class<?> body) {
      this.request = body;
      return this;
    }

    public Builder response(Class<?> body) {
      this.response = body;
      return this;
    }

    public Builder pageOf(Class<?> item) {
      this.response = item;
      this.page = true;
      return this;
    }

    public Builder status(int code) {
      this.status = code;
      return this;
    }

    public Builder errors(String... codes) {
      this.errors = List.of(codes);
      return this;
    }

    /** Documents a query parameter ({@code allowed}: its closed set of values, if any). */
    public Builder query(String name, String type, String description, String... allowed) {
      queryParams.add(new QueryParam(name, type, List.of(allowed), description));
      return this;
    }

    /** Documents the X-Session-Id header: the handler knows guests by it. */
    public Builder guestSession() {
      this.guestSession = true;
      return this;
    }

    /**
     * Registers the route.
     *
     * @throws IllegalStateException at start, when a declared error code has no status in {@link
     *     ProblemCodes} (the OpenAPI document could not list it)
     */
    public void handle(Handler handler) {
      for (String code : errors) {
        if (!ProblemCodes.maps(code)) {
          throw new IllegalStateException(
              "route "
                  + method
                  + " "
                  + path
                  + " declares error code '"
                  + code
                  + "', which ProblemCodes does not map to a status: add it there");
        }
      }
      documented.add(
          new Route(
              method,
              path,
              tag,
              summary,
              access,
              request,
              response,
              page,
              status,
              errors,
              List.copyOf(queryParams),
              guestSession));
      Access declared = access;
      Handler guarded =
          ctx -> {
            gate.check(declared, ctx);
            handler.handle(ctx);
          };
      routes.addHttpHandler(method, path, guarded);
      if (method == HandlerType.GET) {
        routes.addHttpHandler(HandlerType.HEAD, path, guarded);
      }
    }
  }
}
