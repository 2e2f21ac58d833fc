package io.fenz.http.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RouteTableTest {
  @Test
  void aRouteDeclaringAnUnmappedErrorCodeFailsTheBuildNamingRouteAndCode() {
    assertThatThrownBy(
            () ->
                Javalin.create(
                    cfg ->
                        new RouteTable(cfg.routes, (access, ctx) -> {})
                            .get("/api/widgets/{id}")
                            .errors("video_not_found", "widget_melted")
                            .handle(ctx -> {})))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("GET /api/widgets/{id}")
        .hasMessageContaining("'widget_melted'")
        .hasMessageNotContaining("video_not_found");
  }

  @Test
  void mappedErrorCodesAreDocumented() {
    List<RouteTable.Route> documented = new java.util.ArrayList<>();
    Javalin.create(
        cfg -> {
          RouteTable table = new RouteTable(cfg.routes, (access, ctx) -> {});
          table.get("/api/widgets/{id}").errors("video_not_found").handle(ctx -> {});
          documented.addAll(table.documented());
        });
    assertThat(documented)
        .singleElement()
        .extracting(RouteTable.Route::errorCodes)
        .isEqualTo(List.of("video_not_found"));
  }
}
