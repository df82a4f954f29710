package dev.crescendo.loadgen.http;

import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpResponseDecoder;

/**
 * Netty's response parser, told when the request was a HEAD (whose response has headers that
 * announce a body that never comes). Requests are written as ready-made bytes, so there is no
 * request encoder in the pipeline to tell it.
 */
final class ResponseDecoder extends HttpResponseDecoder {
    private boolean headRequest;

    ResponseDecoder() {
        super(new HttpDecoderConfig()
                .setMaxInitialLineLength(8192)
                .setMaxHeaderSize(16 * 1024)
                .setMaxChunkSize(64 * 1024)
                .setValidateHeaders(false));
    }

    void expectResponseTo(boolean head) {
        this.headRequest = head;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
        return headRequest || super.isContentAlwaysEmpty(msg);
    }
}
