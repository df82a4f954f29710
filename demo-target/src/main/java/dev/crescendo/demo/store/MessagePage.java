package dev.crescendo.demo.store;

import java.util.List;

/**
 * One page of a conversation's history, newest first.
 *
 * @param nextCursor the id to pass as {@code cursor} for the next (older) page; null on the last page
 */
public record MessagePage(List<Message> messages, Long nextCursor) {
    public MessagePage {
        messages = List.copyOf(messages);
    }
}
