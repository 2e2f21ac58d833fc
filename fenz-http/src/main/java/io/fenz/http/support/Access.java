package io.fenz.http.support;

/** Who may call a route; drives both the OpenAPI security entry and the docs. */
public enum Access {
  ANYONE,
  USER,
  ADMIN,
  SIGNATURE
}
