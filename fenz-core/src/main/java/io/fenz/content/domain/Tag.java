package io.fenz.content.domain;

public record Tag(long id, String slug, Localized name) {}
