package dev.crescendo.loadgen.http;

import java.net.URI;
import java.util.Locale;

/** Where requests go, split from {@code target.baseUrl}: scheme, host, port and the base path. */
public record TargetAddress(boolean tls, String host, int port, String basePath, String hostHeader) {

    public static TargetAddress of(String baseUrl) {
        URI uri = URI.create(baseUrl);
        boolean tls = uri.getScheme().toLowerCase(Locale.ROOT).equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        boolean defaultPort = uri.getPort() < 0 || port == (tls ? 443 : 80);
        String hostHeader = defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new TargetAddress(tls, host, port, path, hostHeader);
    }
}
