package io.fenz.content.domain;

import java.time.Instant;

/** An uploaded object waiting to be used by a video. */
public record Upload(String key, long userId, MediaKind kind, long sizeBytes, Instant createdAt) {}
