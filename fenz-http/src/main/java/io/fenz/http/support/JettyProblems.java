package io.fenz.http.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Refusals Jetty makes before Javalin sees the request (431 headers too large, a bad URI such as
 * {@code %00} in the path, a bad Content-Length) as problem+json like every other error, instead of
 * Jetty's HTML page.
 */
public final class JettyProblems extends ErrorHandler {
  private static final HttpField CONTENT_TYPE =
      new HttpField(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
  private final ObjectMapper json;

  public JettyProblems(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    response.getHeaders().put(CONTENT_TYPE);
    response.write(true, body(code, message), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(CONTENT_TYPE);
    return body(status, reason);
  }

  private ByteBuffer body(int status, String reason) {
    String detail = reason == null || reason.isBlank() ? "The request was refused." : reason;
    try {
      return ByteBuffer.wrap(
          json.writeValueAsString(Problems.body(status, Problems.code(status), detail))
              .getBytes(StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
