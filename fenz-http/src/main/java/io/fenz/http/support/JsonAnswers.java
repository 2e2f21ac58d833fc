package io.fenz.http.support;

import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import java.io.UncheckedIOException;

/** JSON answers written with the process's one mapper. */
public final class JsonAnswers {
  private JsonAnswers() {}

  /**
   * {@code ctx.json(body)} straight to UTF-8 bytes: Javalin's goes through a String and encodes it
   * again, which cost the feed (20 cards, CJK titles) about a quarter of its serialization time.
   */
  public static void write(Context ctx, Object body) {
    try {
      byte[] bytes = ((JavalinJackson) ctx.jsonMapper()).getMapper().writeValueAsBytes(body);
      ctx.contentType(ContentType.APPLICATION_JSON).result(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
