package io.fenz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An S3-compatible server running inside this JVM (s3proxy on its shaded Jetty). Buckets are
 * directories and objects files below {@code dir}, for throwaway stacks too: video-sized blobs
 * would not fit s3proxy's in-memory store well.
 */
final class S3Service implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(S3Service.class);

  private final S3Proxy proxy;
  private final int port;

  private S3Service(S3Proxy proxy, int port) {
    this.proxy = proxy;
    this.port = port;
  }

  static S3Service start(Path dir, String accessKey, String secretKey) {
    S3Proxy proxy = null;
    try {
      Files.createDirectories(dir);
      proxy =
          S3Proxy.builder()
              .blobStore(new FilesystemNio2BlobStore(dir.toAbsolutePath().toString()))
              // port 0: Jetty binds a free port itself, no race; we read it back below
              .endpoint(URI.create("http://127.0.0.1:0"))
              .awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
              // allow any origin, so a browser on the dev frontend can use presigned URLs
              .corsRules(new CrossOriginResourceSharing())
              // no graceful drain: idle keep-alive connections of S3 clients made every stop wait
              // for
              // the whole drain timeout (~2 s), and a dev/test server loses nothing by closing them
              .stopTimeout(0)
              .build();
      proxy.start();
      return new S3Service(proxy, proxy.getPort());
    } catch (IOException e) {
      stopQuietly(proxy);
      throw new UncheckedIOException("Could not start embedded S3 in " + dir, e);
    } catch (Exception e) {
      stopQuietly(proxy);
      throw new IllegalStateException(
          "Could not start embedded S3 in " + dir + ": " + e.getMessage(), e);
    }
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    stopQuietly(proxy);
  }

  private static void stopQuietly(S3Proxy proxy) {
    if (proxy == null) {
      return;
    }
    try {
      proxy.stop();
    } catch (Exception e) {
      LOG.warn("Stopping embedded S3 failed", e);
    }
  }
}
