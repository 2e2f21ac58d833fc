package io.fenz.http.support;

import java.util.Map;

/**
 * The HTTP status of every problem {@code code} a route may declare, so the OpenAPI document lists
 * each route's error answers under their status. A route declaring a code missing here fails the
 * route table's build, so the server does not start.
 */
final class ProblemCodes {
  private static final Map<String, Integer> STATUS =
      Map.ofEntries(
          Map.entry("invalid_request", 400),
          Map.entry("invalid_session_id", 400),
          Map.entry("session_required", 400),
          Map.entry("empty_upload", 400),
          Map.entry("upload_incomplete", 400),
          Map.entry("query_too_long", 400),
          Map.entry("invalid_date_range", 400),
          Map.entry("date_range_too_long", 400),
          Map.entry("invalid_token", 401),
          Map.entry("authentication_required", 401),
          Map.entry("invalid_credentials", 401),
          Map.entry("invalid_refresh_token", 401),
          Map.entry("refresh_token_reused", 401),
          Map.entry("account_unavailable", 401),
          Map.entry("session_revoked", 401),
          Map.entry("invalid_stream_token", 401),
          Map.entry("admin_only", 403),
          Map.entry("account_hidden", 403),
          Map.entry("not_owner", 403),
          Map.entry("membership_required", 403),
          Map.entry("subscription_required", 403),
          Map.entry("upload_not_owned", 403),
          Map.entry("invalid_signature", 403),
          Map.entry("playback_expired", 403),
          Map.entry("video_not_found", 404),
          Map.entry("channel_not_found", 404),
          Map.entry("tag_not_found", 404),
          Map.entry("user_not_found", 404),
          Map.entry("no_thumbnail", 404),
          Map.entry("checkout_not_found", 404),
          Map.entry("membership_not_found", 404),
          Map.entry("notification_not_found", 404),
          Map.entry("email_taken", 409),
          Map.entry("slug_taken", 409),
          Map.entry("last_admin", 409),
          Map.entry("cannot_delete_self", 409),
          Map.entry("cannot_subscribe_self", 409),
          Map.entry("no_channel", 409),
          Map.entry("upload_already_used", 409),
          Map.entry("video_published", 409),
          Map.entry("already_member", 409),
          Map.entry("cannot_join_own_channel", 409),
          Map.entry("cannot_tip_self", 409),
          Map.entry("membership_ending", 409),
          Map.entry("membership_not_offered", 409),
          Map.entry("payload_too_large", 413),
          Map.entry("upload_too_large", 413),
          Map.entry("unsupported_media_type", 415),
          Map.entry("range_not_satisfiable", 416),
          Map.entry("validation_failed", 422),
          Map.entry("tag_limit_exceeded", 422),
          Map.entry("unknown_category", 422),
          Map.entry("unknown_tag", 422),
          Map.entry("unknown_upload", 422),
          Map.entry("wrong_upload_kind", 422),
          Map.entry("invalid_media", 422),
          Map.entry("payment_rejected", 422),
          Map.entry("rate_limited", 429),
          Map.entry("upload_quota_exceeded", 429),
          Map.entry("too_many_pending_uploads", 429),
          Map.entry("not_ready", 503),
          Map.entry("storage_unavailable", 503),
          Map.entry("busy", 503),
          Map.entry("payments_unavailable", 503));

  private ProblemCodes() {}

  static boolean maps(String code) {
    return STATUS.containsKey(code);
  }

  static int status(String code) {
    Integer status = STATUS.get(code);
    if (status == null) {
      throw new IllegalStateException("problem code '" + code + "' has no status in ProblemCodes");
    }
    return status;
  }
}
