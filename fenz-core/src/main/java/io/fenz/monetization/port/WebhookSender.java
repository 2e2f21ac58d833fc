package io.fenz.monetization.port;

/**
 * Posts a signed notification to our own webhook endpoint (how the local payment simulator reaches
 * it).
 */
public interface WebhookSender {
  void send(String signatureHeader, byte[] body);
}
