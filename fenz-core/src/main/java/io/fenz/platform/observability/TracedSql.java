package io.fenz.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.sql.SQLException;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * One client span per SQL statement JDBI runs, a child of whatever span is current (an HTTP
 * request, a job).
 */
public final class TracedSql implements SqlLogger {
  private static final String SPAN = "fenz.span";
  private static final int MAX_STATEMENT = 2_000;

  @Override
  public void logBeforeExecution(StatementContext context) {
    String sql = context.getRenderedSql() == null ? "" : context.getRenderedSql().strip();
    String verb =
        sql.isEmpty() ? "SQL" : sql.split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
    Span span =
        Traces.tracer()
            .spanBuilder("db " + verb)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("db.system", "mysql")
            .setAttribute(
                "db.statement",
                sql.length() > MAX_STATEMENT ? sql.substring(0, MAX_STATEMENT) : sql)
            .startSpan();
    context.define(SPAN, span);
  }

  @Override
  public void logAfterExecution(StatementContext context) {
    if (context.getAttribute(SPAN) instanceof Span span) {
      span.end();
    }
  }

  @Override
  public void logException(StatementContext context, SQLException ex) {
    if (context.getAttribute(SPAN) instanceof Span span) {
      span.setStatus(StatusCode.ERROR, ex.getClass().getSimpleName());
      span.end();
    }
  }
}
