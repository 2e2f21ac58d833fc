package io.fenz.worker;

import io.fenz.platform.events.EventBus;

/**
 * A durable consumer of the event stream, started with the worker and stopped before its
 * connections close.
 */
public record EventConsumer(String durable, EventBus.Handler handler) {}
