package io.headersync.node.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JSON Web Tokens as the Engine API uses them: signing (what a consensus client does) and
 * checking (what this node does): the header must name {@code HS256} (never {@code none}), the
 * signature must match, and the payload must carry a numeric {@code iat}. Other claims are ignored,
 * as the spec says.
 */
public final class Jwt {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
  /** Tokens are a few hundred bytes; a larger one is refused before any decoding. */
  private static final int MAX_TOKEN_LENGTH = 4096;

  private Jwt() {}

  /** A token issued at {@code iatSeconds} (Unix time), signed with {@code secret}. */
  public static String sign(JwtSecret secret, long iatSeconds) {
    String payload = B64.encodeToString(("{\"iat\":" + iatSeconds + "}").getBytes(StandardCharsets.UTF_8));
    String signingInput = HEADER + "." + payload;
    return signingInput + "." + B64.encodeToString(hmac(secret, signingInput));
  }

  /**
   * Checks {@code token}'s form, algorithm and signature.
   *
   * @return its {@code iat} claim
   * @throws InvalidTokenException saying what is wrong (never echoing the token)
   */
  public static long verify(JwtSecret secret, String token) {
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw new InvalidTokenException("token longer than " + MAX_TOKEN_LENGTH + " characters");
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw new InvalidTokenException("a token has three dot-separated parts");
    }
    JsonNode header = json(token.substring(0, first), "header");
    JsonNode alg = header.get("alg");
    if (alg == null || !"HS256".equals(alg.asText())) {
      throw new InvalidTokenException("algorithm must be HS256, found " + (alg == null ? "none given" : alg.toString()));
    }
    byte[] signature;
    try {
      signature = B64D.decode(token.substring(second + 1));
    } catch (IllegalArgumentException e) {
      throw new InvalidTokenException("signature is not base64url");
    }
    if (!MessageDigest.isEqual(signature, hmac(secret, token.substring(0, second)))) {
      throw new InvalidTokenException("signature does not match the secret");
    }
    JsonNode claims = json(token.substring(first + 1, second), "payload");
    JsonNode iat = claims.get("iat");
    if (iat == null || !iat.isIntegralNumber() || !iat.canConvertToLong()) {
      throw new InvalidTokenException("the iat claim (issued-at, integer seconds) is missing");
    }
    return iat.longValue();
  }

  private static JsonNode json(String part, String what) {
    try {
      JsonNode node = MAPPER.readTree(B64D.decode(part));
      if (node == null || !node.isObject()) {
        throw new InvalidTokenException(what + " is not a JSON object");
      }
      return node;
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new InvalidTokenException(what + " is not base64url JSON");
    }
  }

  private static byte[] hmac(JwtSecret secret, String signingInput) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.unsafeKey(), "HmacSHA256"));
      return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  /** Why a token was refused. */
  public static final class InvalidTokenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidTokenException(String message) {
      super(message);
    }
  }

  static Optional<String> bearer(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String a = authorization.strip();
    return a.regionMatches(true, 0, "Bearer ", 0, 7) ? Optional.of(a.substring(7).strip()) : Optional.empty();
  }
}
