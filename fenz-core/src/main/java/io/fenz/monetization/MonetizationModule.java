package io.fenz.monetization;

import com.fasterxml.jackson.databind.ObjectMapper;
import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import io.fenz.content.port.ChannelAccess;
import io.fenz.content.port.CreatorChannels;
import io.fenz.identity.port.ChannelDirectory;
import io.fenz.interaction.port.ChannelNames;
import io.fenz.monetization.adapter.JdbiChannelAccess;
import io.fenz.monetization.adapter.JdbiChannelAnalytics;
import io.fenz.monetization.adapter.JdbiChannelDirectory;
import io.fenz.monetization.adapter.JdbiChannelNames;
import io.fenz.monetization.adapter.JdbiChannelRepository;
import io.fenz.monetization.adapter.JdbiDonationRepository;
import io.fenz.monetization.adapter.JdbiMembershipRepository;
import io.fenz.monetization.adapter.JdbiProcessedEvents;
import io.fenz.monetization.adapter.PaddleApi;
import io.fenz.monetization.adapter.PaddleEvents;
import io.fenz.monetization.adapter.SimulatedPaddle;
import io.fenz.monetization.port.ChannelAnalytics;
import io.fenz.monetization.port.ChannelRepository;
import io.fenz.monetization.port.CheckoutSimulator;
import io.fenz.monetization.port.DonationRepository;
import io.fenz.monetization.port.MembershipRepository;
import io.fenz.monetization.port.PaymentEventReader;
import io.fenz.monetization.port.PaymentGateway;
import io.fenz.monetization.port.ProcessedEvents;
import io.fenz.monetization.port.WebhookSender;
import io.fenz.platform.config.FenzConfig;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

@Module
public interface MonetizationModule {
  @Binds
  ChannelDirectory channelDirectory(JdbiChannelDirectory impl);

  @Binds
  ChannelRepository channels(JdbiChannelRepository impl);

  @Binds
  ChannelAccess channelAccess(JdbiChannelAccess impl);

  @Binds
  CreatorChannels creatorChannels(JdbiChannelAccess impl);

  @Binds
  ChannelNames channelNames(JdbiChannelNames impl);

  @Binds
  MembershipRepository memberships(JdbiMembershipRepository impl);

  @Binds
  DonationRepository donations(JdbiDonationRepository impl);

  @Binds
  ProcessedEvents processedEvents(JdbiProcessedEvents impl);

  @Binds
  ChannelAnalytics channelAnalytics(JdbiChannelAnalytics impl);

  @Binds
  PaymentEventReader paymentEventReader(PaddleEvents impl);

  /** Bound by the HTTP process only: the simulator delivers its webhooks there. */
  @BindsOptionalOf
  WebhookSender webhookSender();

  @Provides
  static FenzConfig.Payments payments(FenzConfig config) {
    return config.payments();
  }

  /**
   * Paddle's API with a key; the local simulator only when asked for and no key is set (config
   * refuses both).
   */
  @Provides
  @Singleton
  static PaymentGateway paymentGateway(
      FenzConfig.Payments config, ObjectMapper json, Optional<WebhookSender> sender, Clock clock) {
    return config.simulator()
        ? new SimulatedPaddle(config, json, sender, clock)
        : new PaddleApi(config, json, Duration.ofMillis(200));
  }

  @Provides
  static Optional<CheckoutSimulator> checkoutSimulator(PaymentGateway gateway) {
    return gateway instanceof CheckoutSimulator simulator
        ? Optional.of(simulator)
        : Optional.empty();
  }
}
