package io.headersync.p2p.rlpx;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageCodec;
import java.util.List;

/**
 * Netty's side of {@link FrameCodec}: cuts frames from the byte stream (the header first, so an
 * oversized frame is refused before its body is awaited) and frames outgoing messages. After a
 * decoding error the ingress state is lost, so later input is discarded.
 */
final class FrameHandler extends ByteToMessageCodec<RlpxFrame> {

  private final FrameCodec codec;
  private int contentSize = -1;
  private boolean failed;

  FrameHandler(FrameCodec codec) {
    super(RlpxFrame.class);
    this.codec = codec;
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, RlpxFrame frame, ByteBuf out) {
    out.writeBytes(codec.encode(frame.code(), frame.data()));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      if (contentSize < 0) {
        if (in.readableBytes() < FrameCodec.HEADER_WITH_MAC) {
          return;
        }
        byte[] header = new byte[FrameCodec.HEADER_WITH_MAC];
        in.readBytes(header);
        contentSize = codec.readHeader(header, 0);
      }
      int bodySize = FrameCodec.bodySize(contentSize);
      if (in.readableBytes() < bodySize) {
        return;
      }
      byte[] body = new byte[bodySize];
      in.readBytes(body);
      int size = contentSize;
      contentSize = -1;
      out.add(codec.readBody(body, 0, size));
    } catch (RlpxException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      throw e;
    }
  }
}
