package dev.crescendo.reconciler;

import java.time.Duration;

/** What a step wants next: the next step now, a look again later, or nothing (a final phase). */
record Progress(Kind kind, Duration after) {
    enum Kind { CONTINUE, REQUEUE, DONE }

    static Progress next() {
        return new Progress(Kind.CONTINUE, null);
    }

    static Progress requeue(Duration after) {
        return new Progress(Kind.REQUEUE, after);
    }

    static Progress done() {
        return new Progress(Kind.DONE, null);
    }
}
