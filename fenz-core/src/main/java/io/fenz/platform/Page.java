package io.fenz.platform;

import java.util.List;

/** One page of a list answer: {items, page, pageSize, total}. */
public record Page<T>(List<T> items, int page, int pageSize, long total) {}
