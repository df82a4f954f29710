package dev.crescendo.loadgen.http;

import dev.crescendo.loadgen.scenario.Bindings;
import dev.crescendo.loadgen.scenario.Operation;
import dev.crescendo.loadgen.scenario.Template;
import dev.crescendo.loadgen.scenario.Variables;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Encodes an operation's HTTP/1.1 request straight into bytes. Values substituted into the path are
 * percent-encoded; header and body values go in as they are (CR and LF removed from headers). An
 * operation without variables is encoded once and re-sent as a read-only view of the same bytes:
 * the hot path then costs one small object per request, which is what keeps the generator close to
 * wrk (see bench/loadgen-vs-wrk).
 */
public final class RequestFactory implements AutoCloseable {
    private static final UnaryOperator<String> PATH_ESCAPE =
            v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    private static final UnaryOperator<String> AS_IS = v -> v;
    private static final UnaryOperator<String> HEADER_SAFE = v -> v.replace("\r", "").replace("\n", "");

    private final TargetAddress target;
    private final Variables variables;
    private final ByteBuf[] constant;
    private final ByteBuf[] owned;

    public RequestFactory(TargetAddress target, List<Operation> operations, Variables variables) {
        this.target = target;
        this.variables = variables;
        this.constant = new ByteBuf[operations.size()];
        this.owned = new ByteBuf[operations.size()];
        for (Operation op : operations) {
            boolean fixed = op.path().isConstant() && op.headers().values().stream().allMatch(Template::isConstant)
                    && (op.body() == null || op.body().isConstant());
            if (fixed) {
                ByteBuf bytes = Unpooled.directBuffer(256);
                encode(op, variables.bind(), bytes);
                owned[op.index()] = bytes;
                constant[op.index()] = Unpooled.unreleasableBuffer(bytes.asReadOnly());
            }
        }
    }

    /** The request's bytes; the caller owns them (write them, or release them if they are not sent). */
    public ByteBuf create(Operation op) {
        ByteBuf fixed = constant[op.index()];
        if (fixed != null) {
            return fixed.duplicate();
        }
        ByteBuf bytes = ByteBufAllocator.DEFAULT.directBuffer(256);
        encode(op, variables.bind(), bytes);
        return bytes;
    }

    /** The request as text, for messages and tests. */
    public String describe(Operation op) {
        ByteBuf bytes = create(op);
        try {
            return bytes.toString(StandardCharsets.UTF_8);
        } finally {
            bytes.release();
        }
    }

    /** Frees the shared encoded requests; call when no request can be written any more. */
    @Override
    public void close() {
        for (int i = 0; i < owned.length; i++) {
            if (owned[i] != null) {
                owned[i].release();
                owned[i] = null;
                constant[i] = null;
            }
        }
    }

    private void encode(Operation op, Bindings bindings, ByteBuf out) {
        String uri = target.basePath() + op.path().render(bindings, PATH_ESCAPE);
        byte[] body = op.body() == null ? new byte[0] : op.body().render(bindings, AS_IS).getBytes(StandardCharsets.UTF_8);
        ByteBufUtil.writeAscii(out, op.method());
        out.writeByte(' ');
        ByteBufUtil.writeUtf8(out, uri);
        ByteBufUtil.writeAscii(out, " HTTP/1.1\r\n");
        boolean host = false;
        boolean agent = false;
        boolean accept = false;
        for (Map.Entry<String, Template> h : op.headers().entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("content-length")) {
                continue; // always computed from the rendered body
            }
            host |= name.equals("host");
            agent |= name.equals("user-agent");
            accept |= name.equals("accept");
            header(out, h.getKey(), h.getValue().render(bindings, HEADER_SAFE));
        }
        if (!host) {
            header(out, "Host", target.hostHeader());
        }
        if (!agent) {
            header(out, "User-Agent", "crescendo-loadgen");
        }
        if (!accept) {
            header(out, "Accept", "*/*");
        }
        if (body.length > 0 || !(op.method().equals("GET") || op.method().equals("HEAD"))) {
            header(out, "Content-Length", Integer.toString(body.length));
        }
        out.writeByte('\r').writeByte('\n');
        out.writeBytes(body);
    }

    private static void header(ByteBuf out, String name, String value) {
        ByteBufUtil.writeAscii(out, name);
        out.writeByte(':').writeByte(' ');
        ByteBufUtil.writeUtf8(out, value);
        out.writeByte('\r').writeByte('\n');
    }
}
