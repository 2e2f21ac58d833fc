package io.fenz.platform.events;

import io.fenz.platform.observability.MessageTraces;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.PublishOptions;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EventBus} on NATS: events in the JetStream stream {@code FENZ} (subjects {@code fenz.>},
 * the event id as Nats-Msg-Id so a re-published row is dropped), durable pull consumers with
 * explicit acks, and live messages on core NATS subjects. With a prefix (tests), stream and
 * subjects are {@code <P>_FENZ} and {@code <P>.fenz.>}. Stream and consumers are created or updated
 * at start, so starting twice is harmless.
 */
public final class NatsEventBus implements EventBus {
  private static final Logger LOG = LoggerFactory.getLogger(NatsEventBus.class);
  private static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);
  private final Connection nats;
  private final JetStream jetStream;
  private final JetStreamManagement management;
  private final String stream;
  private final String prefix;
  private final Duration ackWait;
  private final Redelivery redelivery;
  private final Dispatcher live;
  private volatile boolean closed;

  /**
   * {@code ackWait}: how long a delivered message may stay unacknowledged (its handler running, or
   * its process dead) before JetStream delivers it again.
   */
  public NatsEventBus(
      Connection nats, String prefix, Duration keep, Duration ackWait, Redelivery redelivery)
      throws Exception {
    this.nats = nats;
    this.jetStream = nats.jetStream();
    this.management = nats.jetStreamManagement();
    this.stream = prefix.isEmpty() ? "FENZ" : prefix + "_FENZ";
    this.prefix = prefix.isEmpty() ? "" : prefix + ".";
    this.ackWait = ackWait;
    this.redelivery = redelivery;
    this.live = nats.createDispatcher();
    ensureStream(keep);
  }

  private void ensureStream(Duration keep) throws Exception {
    StreamConfiguration config =
        StreamConfiguration.builder()
            .name(stream)
            .subjects(prefix + "fenz.>")
            .storageType(StorageType.File)
            .duplicateWindow(DUPLICATE_WINDOW)
            .maxAge(keep)
            .build();
    try {
      management.getStreamInfo(stream);
      management.updateStream(config);
    } catch (JetStreamApiException e) {
      if (e.getErrorCode() != 404) {
        throw e;
      }
      management.addStream(config);
    }
  }

  public String streamName() {
    return stream;
  }

  @Override
  public String describe() {
    return "NATS JetStream stream " + stream + " at " + nats.getConnectedUrl();
  }

  @Override
  public boolean connected() {
    return NatsConnector.isConnected(nats);
  }

  @Override
  public int publish(List<Outgoing> events) {
    if (!connected()) {
      return 0;
    }
    List<CompletableFuture<PublishAck>> acks = new ArrayList<>(events.size());
    List<Span> spans = new ArrayList<>(events.size());
    try {
      for (Outgoing event : events) {
        Span span = MessageTraces.publishing(event.subject(), event.traceParent());
        spans.add(span);
        PublishOptions options =
            PublishOptions.builder().messageId(event.id()).expectedStream(stream).build();
        Headers headers = new Headers().put(MessageTraces.HEADER, MessageTraces.of(span));
        acks.add(
            jetStream.publishAsync(
                prefix + event.subject(),
                headers,
                event.payload().getBytes(StandardCharsets.UTF_8),
                options));
      }
      for (int i = 0; i < acks.size(); i++) {
        try {
          acks.get(i).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return i;
        } catch (Exception e) {
          spans.get(i).setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
          LOG.warn(
              "events: publishing {} failed ({}); it and later rows wait in the outbox",
              events.get(i).id(),
              e.toString());
          return i;
        }
      }
      return events.size();
    } finally {
      spans.forEach(Span::end);
    }
  }

  @Override
  public AutoCloseable consume(String durable, Handler handler) {
    String name = prefix.isEmpty() ? durable : prefix.replace(".", "_") + durable;
    JetStreamSubscription subscription;
    try {
      management.addOrUpdateConsumer(
          stream,
          ConsumerConfiguration.builder()
              .durable(name)
              .filterSubject(prefix + "fenz.>")
              .ackPolicy(AckPolicy.Explicit)
              .ackWait(ackWait)
              .deliverPolicy(DeliverPolicy.All)
              .maxDeliver(redelivery.maxDeliveries() + 1L)
              .maxAckPending(1_000)
              .build());
      subscription =
          jetStream.subscribe(prefix + "fenz.>", PullSubscribeOptions.bind(stream, name));
    } catch (Exception e) {
      throw new IllegalStateException(
          "cannot create the JetStream consumer " + name + ": " + e.getMessage(), e);
    }
    Thread loop =
        Thread.ofVirtual()
            .name("fenz-consumer-" + durable)
            .start(
                () -> {
                  while (!closed && !Thread.currentThread().isInterrupted()) {
                    try {
                      for (Message message : subscription.fetch(50, Duration.ofSeconds(1))) {
                        handle(durable, message, handler);
                      }
                    } catch (RuntimeException e) {
                      // Connection down: the reconnect brings the same durable consumer back;
                      // unacked messages are redelivered.
                      LOG.debug("events: consumer {} fetch failed ({})", durable, e.toString());
                      sleepQuietly(Duration.ofSeconds(1));
                    }
                  }
                });
    return () -> {
      loop.interrupt();
      loop.join(5_000);
      if (nats.getStatus() == Connection.Status.CONNECTED) {
        subscription.unsubscribe();
      }
    };
  }

  private void handle(String durable, Message message, Handler handler) {
    String subject = message.getSubject().substring(prefix.length());
    int delivered = (int) message.metaData().deliveredCount();
    Headers headers = message.getHeaders();
    Span span =
        MessageTraces.consuming(
            subject, headers == null ? null : headers.getFirst(MessageTraces.HEADER));
    try (Scope ignored = span.makeCurrent()) {
      Redelivery.Outcome outcome =
          redelivery.deliver(
              durable,
              subject,
              new String(message.getData(), StandardCharsets.UTF_8),
              delivered,
              handler);
      if (outcome.done()) {
        message.ack();
      } else {
        message.nakWithDelay(outcome.delay());
      }
    } catch (RuntimeException e) {
      // Could not even park it (database down): try again later.
      LOG.warn("events: consumer {} could not settle {} ({})", durable, subject, e.toString());
      message.nakWithDelay(redelivery.backoff(delivered));
    } finally {
      span.end();
    }
  }

  @Override
  public void announce(String topic, byte[] data) {
    if (connected()) {
      nats.publish(prefix + "live." + topic, data);
    }
  }

  @Override
  public AutoCloseable listen(String topic, Consumer<byte[]> listener) {
    String subject = prefix + "live." + topic;
    live.subscribe(subject, message -> listener.accept(message.getData()));
    return () -> live.unsubscribe(subject);
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    nats.closeDispatcher(live);
  }
}
