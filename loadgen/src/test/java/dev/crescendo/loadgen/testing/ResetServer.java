package dev.crescendo.loadgen.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Accepts connections and closes them at once without a byte: the generator must see connect_error. */
public final class ResetServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread acceptor;

    public ResetServer() throws IOException {
        socket = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(() -> {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    s.setSoLinger(true, 0); // RST instead of FIN
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
