package io.headersync.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headersync.node.rpc.server.RpcLimits;
import io.headersync.node.rpc.server.RpcServer;
import io.headersync.node.rpc.server.RpcServerOptions;
import io.headersync.testkit.chain.LazyHeaderChain;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** JSON-RPC framing, error codes and limits, over raw HTTP. */
class JsonRpcHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final LazyHeaderChain chain = TestChains.cancun(3, 10);
  private final HttpClient client = HttpClient.newHttpClient();
  private RpcServer server;

  private void start(RpcLimits limits) {
    RpcBackend backend = RpcBackend.of(TestChains.store(chain, chain.headNumber(), n -> false), 11_155_111, 11_155_111);
    server = RpcServer.start(RpcServerOptions.DEFAULT.withHttp("127.0.0.1", 0).withLimits(limits), backend);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return post(body, "application/json");
  }

  private HttpResponse<String> post(String body, String type) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.httpAddress().orElseThrow().getPort() + "/");
    return client.send(HttpRequest.newBuilder(uri).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void aBatchIsAnsweredInOrderWithEachCallsOwnResultOrError() throws Exception {
    start(RpcLimits.DEFAULT);
    HttpResponse<String> r = post("""
        [{"jsonrpc":"2.0","id":1,"method":"eth_chainId"},
         {"jsonrpc":"2.0","id":"two","method":"eth_nope"},
         {"jsonrpc":"2.0","method":"eth_blockNumber"},
         {"jsonrpc":"2.0","id":3,"method":"eth_getBlockByHash","params":["0x12",false]},
         {"jsonrpc":"2.0","id":4,"method":"eth_blockNumber"},
         5]""");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode a = json(r);
    assertThat(a).hasSize(5); // the notification (no id) is not answered
    assertThat(a.get(0).get("result").asText()).isEqualTo("0xaa36a7");
    assertThat(a.get(1).get("id").asText()).isEqualTo("two");
    assertThat(a.get(1).get("error").get("code").asInt()).isEqualTo(-32601);
    assertThat(a.get(2).get("error").get("code").asInt()).isEqualTo(-32602);
    assertThat(a.get(2).get("error").get("message").asText()).contains("eth_getBlockByHash param 0 (blockHash)", "32 bytes");
    assertThat(a.get(3).get("result").asText()).isEqualTo("0x" + Long.toHexString(chain.headNumber()));
    assertThat(a.get(4).get("error").get("code").asInt()).isEqualTo(-32600);
  }

  @Test
  void standardErrorCodes() throws Exception {
    start(RpcLimits.DEFAULT);
    assertThat(json(post("{\"jsonrpc\":\"2.0\",")).get("error").get("code").asInt()).isEqualTo(-32700);
    assertThat(json(post("[]")).get("error").get("code").asInt()).isEqualTo(-32600);
    assertThat(json(post("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"eth_chainId\"}")).get("error").get("code").asInt())
        .isEqualTo(-32600);
    assertThat(json(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"newest\"]}"))
        .get("error").get("code").asInt()).isEqualTo(-32602);
    assertThat(json(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_getBlockByNumber\",\"params\":[\"safe\"]}"))
        .get("error").get("message").asText()).isEqualTo("safe block not found");
    JsonNode sub = json(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}"));
    assertThat(sub.get("error").get("message").asText()).isEqualTo("notifications not supported");
    assertThat(post("{}", "text/plain").statusCode()).isEqualTo(415);
  }

  @Test
  void headersyncStatusSummarisesTheStore() throws Exception {
    start(RpcLimits.DEFAULT);
    JsonNode s = json(post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"headersync_status\"}")).get("result");
    assertThat(s.get("head").get("hash").asText()).isEqualTo(chain.header(chain.headNumber()).hash().toHex());
    assertThat(s.get("oldest").get("number").asText()).isEqualTo("0x" + Long.toHexString(TestChains.FIRST));
    assertThat(s.get("syncing").asBoolean()).isFalse();
    assertThat(s.get("peers").asInt()).isZero();
  }

  @Test
  void aBodyOverTheSizeCapGets413() throws Exception {
    start(RpcLimits.DEFAULT.withMaxRequestBytes(1024));
    String big = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"web3_sha3\",\"params\":[\"0x" + "ab".repeat(1000) + "\"]}";
    assertThat(post(big).statusCode()).isEqualTo(413);
    String small = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"web3_sha3\",\"params\":[\"0x" + "ab".repeat(100) + "\"]}";
    assertThat(post(small).statusCode()).isEqualTo(200);
  }

  @Test
  void callsOverTheAddressesRateGet429AndBatchesCountEachCall() throws Exception {
    // A slow refill (one call a minute) so the test does not depend on timing.
    start(RpcLimits.DEFAULT.withRate(1.0 / 60, 5));
    String one = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\"}";
    assertThat(post("[" + String.join(",", one, one, one, one) + "]").statusCode()).isEqualTo(200);
    assertThat(post("[" + String.join(",", one, one) + "]").statusCode()).as("two calls, one token left").isEqualTo(429);
    assertThat(post(one).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = post(one);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(json(refused).get("error").get("code").asInt()).isEqualTo(-32005);
  }

  @Test
  void aBatchOverTheItemLimitIsRefusedWhole() throws Exception {
    start(RpcLimits.DEFAULT.withMaxBatchItems(3));
    String one = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_blockNumber\"}";
    JsonNode r = json(post("[" + String.join(",", one, one, one, one) + "]"));
    assertThat(r.get("error").get("code").asInt()).isEqualTo(-32005);
    assertThat(r.get("error").get("message").asText()).contains("4", "3");
  }
}
