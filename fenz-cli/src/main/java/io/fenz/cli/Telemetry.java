package io.fenz.cli;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.Map;

/**
 * Installs the OpenTelemetry SDK for a long-running process. Spans always get ids (they are in
 * every log line of a request); they leave the process only when OTEL_EXPORTER_OTLP_ENDPOINT names
 * an OTLP/HTTP collector (Jaeger, an OpenTelemetry Collector), e.g. {@code http://jaeger:4318}.
 */
final class Telemetry {
  static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

  private Telemetry() {}

  static OpenTelemetrySdk install(Map<String, String> env, String process) {
    String service = env.getOrDefault("OTEL_SERVICE_NAME", "fenzvideo");
    var tracers =
        SdkTracerProvider.builder()
            .setResource(
                Resource.getDefault()
                    .merge(
                        Resource.create(
                            Attributes.builder()
                                .put("service.name", service)
                                .put("service.instance.role", process)
                                .build())));
    String endpoint = env.get(ENDPOINT);
    if (endpoint != null && !endpoint.isBlank()) {
      String url = endpoint.strip().replaceAll("/+$", "") + "/v1/traces";
      tracers.addSpanProcessor(
          BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(url).build())
              .build());
    }
    OpenTelemetrySdk sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(tracers.build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    // Any SQL run before this point (a migration, a test) asked for the global and pinned the
    // no-op: replace it.
    GlobalOpenTelemetry.resetForTest();
    GlobalOpenTelemetry.set(sdk);
    return sdk;
  }
}
