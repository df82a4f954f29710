package dev.crescendo.loadgen.http;

import dev.crescendo.loadgen.scenario.Bindings;
import dev.crescendo.loadgen.scenario.Operation;
import dev.crescendo.loadgen.scenario.Template;
import dev.crescendo.loadgen.scenario.Variables;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Builds the wire request of an operation. Values substituted into the path are percent-encoded;
 * header and body values go in as they are. An operation without variables is encoded once and
 * re-sent as a retained duplicate, which keeps the hot path allocation-light.
 */
public final class RequestFactory {
    private static final UnaryOperator<String> PATH_ESCAPE =
            v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
    private static final UnaryOperator<String> AS_IS = v -> v;

    private final TargetAddress target;
    private final Variables variables;
    private final FullHttpRequest[] constant;

    public RequestFactory(TargetAddress target, List<Operation> operations, Variables variables) {
        this.target = target;
        this.variables = variables;
        this.constant = new FullHttpRequest[operations.size()];
        for (Operation op : operations) {
            boolean fixed = op.path().isConstant() && op.headers().values().stream().allMatch(Template::isConstant)
                    && (op.body() == null || op.body().isConstant());
            if (fixed) {
                constant[op.index()] = build(op, variables.bind(), true);
            }
        }
    }

    public FullHttpRequest create(Operation op) {
        FullHttpRequest fixed = constant[op.index()];
        return fixed != null ? fixed.retainedDuplicate() : build(op, variables.bind(), false);
    }

    private FullHttpRequest build(Operation op, Bindings bindings, boolean shared) {
        String uri = target.basePath() + op.path().render(bindings, PATH_ESCAPE);
        ByteBuf body = op.body() == null ? Unpooled.EMPTY_BUFFER
                : Unpooled.copiedBuffer(op.body().render(bindings, AS_IS), StandardCharsets.UTF_8);
        if (shared) {
            body = Unpooled.unreleasableBuffer(body);
        }
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(op.method()), uri, body);
        HttpHeaders headers = request.headers();
        headers.set(HttpHeaderNames.HOST, target.hostHeader());
        headers.set(HttpHeaderNames.USER_AGENT, "crescendo-loadgen");
        headers.set(HttpHeaderNames.ACCEPT, "*/*");
        for (Map.Entry<String, Template> h : op.headers().entrySet()) {
            headers.set(h.getKey(), h.getValue().render(bindings, AS_IS));
        }
        if (body.isReadable() || !op.method().equals("GET") && !op.method().equals("HEAD")) {
            headers.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        }
        return request;
    }
}
