package dev.crescendo.demo.store;

import java.time.Instant;

/** One chat message; {@code id} grows with every message in the database, so it orders history. */
public record Message(long id, String conversationId, String text, String author, Instant createdAt) {}
