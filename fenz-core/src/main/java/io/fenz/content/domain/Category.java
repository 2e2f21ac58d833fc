package io.fenz.content.domain;

public record Category(long id, String slug, Localized name) {}
