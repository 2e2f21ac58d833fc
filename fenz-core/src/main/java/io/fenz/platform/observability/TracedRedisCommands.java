package io.fenz.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.executors.CommandExecutor;

/**
 * A client span per Redis command the shared client sends inside a trace ({@code redis EVAL},
 * {@code redis GET}, …), a child of the current span; keys and values stay out of it. Commands
 * outside any span and pipelines (the feed warm-up) send without one.
 */
public final class TracedRedisCommands implements CommandExecutor {
  private final CommandExecutor delegate;

  public TracedRedisCommands(CommandExecutor delegate) {
    this.delegate = delegate;
  }

  @Override
  public <T> T executeCommand(CommandObject<T> command) {
    if (!Span.current().getSpanContext().isValid()) {
      // Background polls (search catch-up, cleanup queue) outside any request or use case.
      return delegate.executeCommand(command);
    }
    String operation = command.getArguments().getCommand().toString();
    Span span =
        Traces.tracer()
            .spanBuilder("redis " + operation)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("db.system", "redis")
            .setAttribute("db.operation", operation)
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return delegate.executeCommand(command);
    } catch (RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }

  @Override
  public void close() throws Exception {
    delegate.close();
  }
}
