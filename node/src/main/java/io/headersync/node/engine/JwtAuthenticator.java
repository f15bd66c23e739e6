package io.headersync.node.engine;

import io.headersync.node.rpc.server.HttpAuthenticator;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>} where the token is a valid
 * HS256 JWT under the secret and its {@code iat} is within {@code maxSkew} of now (the spec's ±60
 * seconds: old enough tokens cannot be replayed for long, and clocks a little apart still agree).
 */
public final class JwtAuthenticator implements HttpAuthenticator {

  public static final Duration SPEC_MAX_SKEW = Duration.ofSeconds(60);

  private final JwtSecret secret;
  private final Clock clock;
  private final long maxSkewSeconds;

  public JwtAuthenticator(JwtSecret secret, Clock clock, Duration maxSkew) {
    this.secret = Objects.requireNonNull(secret, "secret");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxSkewSeconds = maxSkew.toSeconds();
  }

  @Override
  public Optional<String> refuse(HttpRequest request) {
    Optional<String> token = Jwt.bearer(request.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (token.isEmpty()) {
      return Optional.of("missing token: send Authorization: Bearer <JWT>");
    }
    long iat;
    try {
      iat = Jwt.verify(secret, token.get());
    } catch (Jwt.InvalidTokenException e) {
      return Optional.of("invalid token: " + e.getMessage());
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - iat) > maxSkewSeconds) {
      return Optional.of("invalid token: iat " + iat + " is " + (now - iat) + " s from now; at most " + maxSkewSeconds
          + " s allowed");
    }
    return Optional.empty();
  }
}
