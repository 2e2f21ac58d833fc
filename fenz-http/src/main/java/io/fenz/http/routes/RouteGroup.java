package io.fenz.http.routes;

import io.fenz.http.support.RouteTable;

/** The routes of one resource. */
public interface RouteGroup {
  void register(RouteTable routes);
}
