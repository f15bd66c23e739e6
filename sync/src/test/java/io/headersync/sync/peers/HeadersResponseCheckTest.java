package io.headersync.sync.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.headersync.core.block.BlockHeader;
import io.headersync.sync.api.BlockOrigin;
import io.headersync.sync.api.HeadersRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersResponseCheckTest {

  private static ResponseVerdict check(HeadersRequest r, List<BlockHeader> h) {
    return HeadersResponseCheck.check(r, h);
  }

  @Test
  void fullAndPartialAnswersAreGood() {
    HeadersRequest r = HeadersRequest.ascending(10, 5);
    assertThat(check(r, TestHeaders.range(10, 5))).isEqualTo(new ResponseVerdict.Good(false));
    assertThat(check(r, TestHeaders.range(10, 2))).isEqualTo(new ResponseVerdict.Good(true));
  }

  @Test
  void emptyIsEmpty() {
    assertThat(check(HeadersRequest.ascending(10, 5), List.of())).isInstanceOf(ResponseVerdict.Empty.class);
  }

  @Test
  void moreThanAskedIsInvalid() {
    assertThat(check(HeadersRequest.ascending(10, 5), TestHeaders.range(10, 6)))
        .isEqualTo(new ResponseVerdict.Invalid("asked for at most 5 headers, got 6"));
  }

  @Test
  void wrongOriginIsInvalid() {
    assertThat(check(HeadersRequest.ascending(10, 5), TestHeaders.range(11, 5)))
        .isEqualTo(new ResponseVerdict.Invalid("first header is #11, asked for #10"));
    HeadersRequest byHash = new HeadersRequest(BlockOrigin.hash(TestHeaders.CHAIN.get(10).hash()), 3, 0, false);
    assertThat(check(byHash, TestHeaders.range(10, 3))).isInstanceOf(ResponseVerdict.Good.class);
    assertThat(check(byHash, TestHeaders.range(11, 3))).isInstanceOf(ResponseVerdict.Invalid.class);
  }

  @Test
  void gapsAndDisorderAreInvalid() {
    List<BlockHeader> gap = new ArrayList<>(TestHeaders.range(10, 5));
    gap.remove(2);
    assertThat(check(HeadersRequest.ascending(10, 5), gap))
        .isEqualTo(new ResponseVerdict.Invalid("header 2 is #13, expected #12"));
    List<BlockHeader> swapped = new ArrayList<>(TestHeaders.range(10, 5));
    swapped.set(1, TestHeaders.CHAIN.get(12));
    swapped.set(2, TestHeaders.CHAIN.get(11));
    assertThat(check(HeadersRequest.ascending(10, 5), swapped)).isInstanceOf(ResponseVerdict.Invalid.class);
  }

  @Test
  void aBrokenLinkIsInvalid() {
    List<BlockHeader> headers = new ArrayList<>(TestHeaders.range(10, 5));
    headers.set(3, headers.get(3).toBuilder().gasLimit(4999).build());
    assertThat(check(HeadersRequest.ascending(10, 5), headers))
        .isEqualTo(new ResponseVerdict.Invalid("header #14 does not link to #13 by parent hash"));
  }

  @Test
  void reverseAndSkipFollowTheirPattern() {
    HeadersRequest reverse = HeadersRequest.descending(20, 3);
    assertThat(check(reverse, List.of(TestHeaders.CHAIN.get(20), TestHeaders.CHAIN.get(19), TestHeaders.CHAIN.get(18))))
        .isEqualTo(new ResponseVerdict.Good(false));
    assertThat(check(reverse, TestHeaders.range(18, 3))).isInstanceOf(ResponseVerdict.Invalid.class);

    HeadersRequest skeleton = new HeadersRequest(BlockOrigin.number(0), 4, 9, false);
    List<BlockHeader> every10 = List.of(TestHeaders.CHAIN.get(0), TestHeaders.CHAIN.get(10), TestHeaders.CHAIN.get(20));
    assertThat(check(skeleton, every10)).isEqualTo(new ResponseVerdict.Good(true));
    assertThat(skeleton.span()).hasValueSatisfying(r -> assertThat(r.last()).isEqualTo(30));
  }
}
