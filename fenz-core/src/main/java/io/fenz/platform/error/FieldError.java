package io.fenz.platform.error;

/** One broken rule of one input field; {@code code} is stable and machine-readable. */
public record FieldError(String field, String code, String message) {}
