package dev.crescendo.loadgen.engine;

import java.util.Locale;

/** The one class every request ends in (DESIGN §4). Wire names are the lower-case enum names. */
public enum Outcome {
    /** Status expected (listed in {@code expect.status}, or any 2xx/3xx by default) and body check passed. */
    OK,
    /** 4xx other than 429, not expected. */
    CLIENT_ERROR,
    /** 429, not expected. */
    RATE_LIMITED,
    /** 5xx, not expected. */
    SERVER_ERROR,
    /** No complete response within the request timeout. */
    TIMEOUT,
    /** The target host actively refused the connection (nothing listening). */
    CONNECT_REFUSED,
    /** Any other transport failure: DNS, TLS, connect timeout, connection reset or closed mid-response. */
    CONNECT_ERROR,
    /** A response arrived but failed the check: unexpected 1xx-3xx status, body check, or extraction. */
    CHECK_FAILED;

    private static final Outcome[] ALL = values();
    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    public static Outcome[] all() {
        return ALL;
    }

    public static Outcome fromWireName(String name) {
        for (Outcome o : ALL) {
            if (o.wireName.equals(name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + name + "'; one of " + java.util.Arrays.stream(ALL)
                .map(Outcome::wireName).toList());
    }

    /** Class of a response whose status is not expected (no body check happened). */
    public static Outcome ofUnexpectedStatus(int status) {
        if (status == 429) {
            return RATE_LIMITED;
        }
        if (status >= 400 && status < 500) {
            return CLIENT_ERROR;
        }
        if (status >= 500) {
            return SERVER_ERROR;
        }
        return CHECK_FAILED;
    }
}
