package dev.crescendo.loadgen.http;

import dev.crescendo.loadgen.engine.Outcome;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Maps a transport exception to its outcome class and a short, stable description for error samples. */
public final class TransportErrors {
    private TransportErrors() {}

    public static Outcome classify(Throwable cause) {
        Throwable root = rootOf(cause);
        if (root instanceof ConnectException && String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT).contains("refused")) {
            return Outcome.CONNECT_REFUSED;
        }
        return Outcome.CONNECT_ERROR;
    }

    public static String describe(Throwable cause) {
        Throwable root = rootOf(cause);
        if (root instanceof ConnectTimeoutException) {
            return "connect timed out";
        }
        if (root instanceof UnknownHostException) {
            return "unknown host: " + root.getMessage();
        }
        if (root instanceof SSLException) {
            return "TLS: " + root.getMessage();
        }
        String message = root.getMessage();
        if (classify(root) == Outcome.CONNECT_REFUSED) {
            // Netty appends the address: "...: Connection refused: /127.0.0.1:1"; keep it, drop the syscall name.
            int at = message.indexOf("Connection refused");
            return at >= 0 ? message.substring(at) : message;
        }
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static Throwable rootOf(Throwable t) {
        Throwable current = t;
        while ((current instanceof DecoderException || current.getClass() == RuntimeException.class)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
