package dev.crescendo.loadgen.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers the first request on each connection (keep-alive), then reads the second and closes the
 * connection without answering: the race of a server dropping an idle keep-alive connection just
 * as the client reuses it, made deterministic.
 */
public final class OneShotServer implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();

    public OneShotServer() throws IOException {
        socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    private void serve(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            if (!readRequest(in)) {
                return;
            }
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            answered.incrementAndGet();
            readRequest(in); // then close without a reply
        } catch (IOException e) {
            // the client went away
        }
    }

    /** Reads one request (headers and a Content-Length body); false at end of stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            String text = head.toString(StandardCharsets.US_ASCII);
            if (text.endsWith("\r\n\r\n")) {
                int at = text.toLowerCase().indexOf("content-length:");
                if (at >= 0) {
                    int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).trim());
                    in.readNBytes(length);
                }
                return true;
            }
        }
        return false;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    public int answered() {
        return answered.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
