package io.roster.common.rpc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of a bolt server connection: follows the frame boundaries of the bolt v1 and v2 protocols as bytes
 * pass, reads each frame's declared class, header and content lengths from its header, and closes the connection as
 * soon as a frame declares more than {@code maxFrameBytes} (or a negative length, or a protocol or command type bolt
 * would not decode either). Bolt's decoder keeps buffering until a whole frame is there, so without this one
 * request declaring a gibibyte is buffered, and decoded, whole. Bytes are passed on untouched; only the few header
 * bytes of each frame are copied. One instance per connection (it holds the connection's parse state).
 *
 * <pre>
 *   v1 request  (22): proto=1 type cmdcode:2 ver2 requestId:4 codec timeout:4    classLen:2 headerLen:2 contentLen:4
 *   v1 response (20): proto=1 type cmdcode:2 ver2 requestId:4 codec respStatus:2 classLen:2 headerLen:2 contentLen:4
 *   v2 request  (24): proto=2 ver type cmdcode:2 ver2 requestId:4 codec switch timeout:4    classLen:2 headerLen:2 contentLen:4
 *   v2 response (22): proto=2 ver type cmdcode:2 ver2 requestId:4 codec switch respStatus:2 classLen:2 headerLen:2 contentLen:4
 *   then class, header and content; a v2 frame of protocol version 2 with the CRC switch (bit 0) on ends in a 4-byte CRC.
 * </pre>
 * Plain bolt only: with bolt's TLS on, this handler would sit in front of the TLS handler and see ciphertext.
 */
final class FrameSizeGuard extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(FrameSizeGuard.class);
    private static final int LONGEST_HEADER = 24;
    private static final byte RESPONSE = 0, REQUEST = 1, REQUEST_ONEWAY = 2;

    private final long maxFrameBytes;
    private final byte[] header = new byte[LONGEST_HEADER];
    /** Bytes of the current frame's header seen so far; 0 between frames. */
    private int headerSeen;
    /** Bytes of the current frame after its header still to pass. */
    private long bodyLeft;
    private boolean rejected;

    FrameSizeGuard(long maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (rejected) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        String refusal = follow(buf);
        if (refusal != null) {
            rejected = true;
            buf.release();
            LOG.warn("closed the bolt connection from {}: {} (rpc.max-frame-bytes={})", ctx.channel().remoteAddress(),
                    refusal, maxFrameBytes);
            ctx.close();
            return;
        }
        ctx.fireChannelRead(buf);
    }

    /** Moves the parse state over the readable bytes of {@code buf}; returns why to refuse the connection, or null. */
    private String follow(ByteBuf buf) {
        int at = buf.readerIndex(), end = buf.writerIndex();
        while (at < end) {
            if (bodyLeft > 0) {
                int skip = (int) Math.min(bodyLeft, end - at);
                at += skip;
                bodyLeft -= skip;
                continue;
            }
            header[headerSeen++] = buf.getByte(at++);
            int headerLength = headerLength();
            if (headerLength == 0) {
                return "not a bolt frame (protocol " + header[0] + ", command type " + header[headerSeen - 1] + ")";
            }
            if (headerLength < 0 || headerSeen < headerLength) {
                continue;
            }
            int lengths = headerLength - 8;
            int classLen = shortAt(lengths), headerLen = shortAt(lengths + 2), contentLen = intAt(lengths + 4);
            if (classLen < 0 || headerLen < 0 || contentLen < 0) {
                return "a frame declares a negative length (class " + classLen + ", header " + headerLen + ", content "
                        + contentLen + ")";
            }
            long frame = (long) headerLength + classLen + headerLen + contentLen + crcLength();
            if (frame > maxFrameBytes) {
                return "a frame declares " + frame + " bytes";
            }
            bodyLeft = frame - headerLength;
            headerSeen = 0;
        }
        return null;
    }

    /** The header length of the current frame; -1 while too few bytes tell, 0 for what bolt cannot decode. */
    private int headerLength() {
        int typeAt = header[0] == 1 ? 1 : header[0] == 2 ? 2 : -1;
        if (typeAt < 0) {
            return 0;
        }
        if (headerSeen <= typeAt) {
            return -1;
        }
        byte type = header[typeAt];
        boolean request = type == REQUEST || type == REQUEST_ONEWAY;
        if (!request && type != RESPONSE) {
            return 0;
        }
        return (header[0] == 1 ? 20 : 22) + (request ? 2 : 0);
    }

    private int crcLength() {
        return header[0] == 2 && header[1] == 2 && (header[11] & 1) != 0 ? 4 : 0;
    }

    private int shortAt(int i) {
        return (short) ((header[i] & 0xFF) << 8 | header[i + 1] & 0xFF);
    }

    private int intAt(int i) {
        return (header[i] & 0xFF) << 24 | (header[i + 1] & 0xFF) << 16 | (header[i + 2] & 0xFF) << 8 | header[i + 3] & 0xFF;
    }
}
