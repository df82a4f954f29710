package dev.crescendo.demo.store;

/** The cursor is not the id of a message in the conversation it was used with. */
public final class UnknownCursorException extends Exception {
    public UnknownCursorException(String conversationId, long cursor) {
        super("no message " + cursor + " in conversation " + conversationId);
    }
}
