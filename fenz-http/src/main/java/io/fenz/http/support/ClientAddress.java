package io.fenz.http.support;

import io.fenz.platform.config.FenzConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;

/**
 * The address a request comes from, for per-client limits: the socket peer, unless the peer is one
 * of FENZ_TRUSTED_PROXIES; then the nearest X-Forwarded-For hop that is not itself a trusted proxy.
 * Hops further left were written by the client and can say anything, so they are never used.
 */
@Singleton
public final class ClientAddress {
  /** Longest hop taken from X-Forwarded-For (an IPv6 text form is at most 45 characters). */
  private static final int MAX_HOP_LENGTH = 45;

  private final Set<String> trustedProxies;

  @Inject
  public ClientAddress(FenzConfig.Limits limits) {
    this(limits.trustedProxies());
  }

  public ClientAddress(List<String> trustedProxies) {
    this.trustedProxies = Set.copyOf(trustedProxies);
  }

  public String of(Context ctx) {
    return resolve(ctx.req().getRemoteAddr(), ctx.header("X-Forwarded-For"));
  }

  /** The client of a request from {@code peer} carrying {@code forwardedFor} (null when absent). */
  public String resolve(String peer, String forwardedFor) {
    if (forwardedFor == null || !trustedProxies.contains(peer)) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    for (int i = hops.length - 1; i >= 0; i--) {
      String hop = hops[i].strip();
      if (!looksLikeAddress(hop)) {
        return peer; // a hop our proxy would never write: don't trust what lies beyond it either
      }
      if (!trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return peer;
  }

  private static boolean looksLikeAddress(String hop) {
    if (hop.isEmpty() || hop.length() > MAX_HOP_LENGTH) {
      return false;
    }
    for (int i = 0; i < hop.length(); i++) {
      char c = hop.charAt(i);
      if (!(c >= '0' && c <= '9'
          || c >= 'a' && c <= 'f'
          || c >= 'A' && c <= 'F'
          || c == '.'
          || c == ':')) {
        return false;
      }
    }
    return true;
  }
}
