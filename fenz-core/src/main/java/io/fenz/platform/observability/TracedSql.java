package io.fenz.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import java.sql.SQLException;
import java.util.Locale;
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
    Span span =
        Traces.tracer()
            .spanBuilder("db " + verb(sql))
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("db.system", "mysql")
            .setAttribute(
                "db.statement",
                sql.length() > MAX_STATEMENT ? sql.substring(0, MAX_STATEMENT) : sql)
            .startSpan();
    context.define(SPAN, span);
  }

  /**
   * The statement's first word, upper-cased ("SQL" for none). Every statement passes here: a regex
   * split compiled its pattern each time, a few percent of a counted view's CPU.
   */
  static String verb(String sql) {
    int end = 0;
    while (end < sql.length() && !Character.isWhitespace(sql.charAt(end))) {
      end++;
    }
    return end == 0 ? "SQL" : sql.substring(0, end).toUpperCase(Locale.ROOT);
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
