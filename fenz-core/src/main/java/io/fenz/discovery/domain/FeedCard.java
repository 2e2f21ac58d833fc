package io.fenz.discovery.domain;

import java.time.Instant;
import java.util.List;

/**
 * What the feed shows of a public video; the same fields live in the Redis hash {@code video:{id}}.
 */
public record FeedCard(
    long videoId,
    String title,
    long channelId,
    String channelName,
    boolean hasThumbnail,
    int durationSeconds,
    long views,
    Instant publishedAt,
    List<Long> tagIds) {}
