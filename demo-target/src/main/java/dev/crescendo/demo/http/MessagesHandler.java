package dev.crescendo.demo.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crescendo.demo.store.Message;
import dev.crescendo.demo.store.MessagePage;
import dev.crescendo.demo.store.MessageStore;
import dev.crescendo.demo.store.UnknownCursorException;
import java.io.IOException;
import java.sql.SQLException;

/** {@code POST} and {@code GET /api/v1/conversations/{id}/messages}: send a message, page through history. */
public final class MessagesHandler {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final String BODY_SHAPE = "{\"text\": \"...\", \"author\": \"...\"} (author optional)";

    private final MessageStore store;
    private final ObjectMapper json = new ObjectMapper();

    public MessagesHandler(MessageStore store) {
        this.store = store;
    }

    public Response post(Request request) throws ApiException {
        String conversationId = conversationId(request);
        JsonNode body = parseBody(request.body());
        String text = requiredText(body);
        String author = optionalAuthor(body);
        try {
            return Response.json(201, toJson(store.append(conversationId, text, author)));
        } catch (SQLException e) {
            throw ApiException.database(e);
        }
    }

    public Response list(Request request) throws ApiException {
        String conversationId = conversationId(request);
        int limit = limit(request.query().get("limit"));
        String rawCursor = request.query().get("cursor");
        Long cursor = rawCursor == null ? null : cursor(conversationId, rawCursor);
        try {
            MessagePage page = store.page(conversationId, limit, cursor);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            ArrayNode messages = out.putArray("messages");
            page.messages().forEach(m -> messages.add(toJson(m)));
            out.put("nextCursor", page.nextCursor());
            return Response.json(200, out);
        } catch (UnknownCursorException e) {
            throw badCursor(conversationId, rawCursor);
        } catch (SQLException e) {
            throw ApiException.database(e);
        }
    }

    private static String conversationId(Request request) throws ApiException {
        String id = request.pathParameter("id");
        if (id.length() > MessageStore.MAX_CONVERSATION_ID_LENGTH) {
            throw ApiException.badRequest("conversation id must be at most " + MessageStore.MAX_CONVERSATION_ID_LENGTH
                    + " characters; got " + id.length());
        }
        return id;
    }

    private JsonNode parseBody(byte[] body) throws ApiException {
        JsonNode node;
        try {
            node = body.length == 0 ? null : json.readTree(body);
        } catch (JacksonException e) {
            throw ApiException.badRequest("request body is not valid JSON (" + e.getOriginalMessage() + "); send " + BODY_SHAPE);
        } catch (IOException e) {
            throw ApiException.badRequest("request body could not be read: " + e.getMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw ApiException.badRequest("request body is empty; send " + BODY_SHAPE);
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("request body must be a JSON object: " + BODY_SHAPE);
        }
        return node;
    }

    private static String requiredText(JsonNode body) throws ApiException {
        JsonNode text = body.get("text");
        if (text == null || text.isNull()) {
            throw ApiException.badRequest("text is required: send " + BODY_SHAPE);
        }
        if (!text.isTextual()) {
            throw ApiException.badRequest("text must be a string; got " + text.getNodeType().name().toLowerCase());
        }
        if (text.asText().isBlank()) {
            throw ApiException.badRequest("text must not be blank");
        }
        if (text.asText().length() > MessageStore.MAX_TEXT_LENGTH) {
            throw ApiException.badRequest("text must be at most " + MessageStore.MAX_TEXT_LENGTH + " characters; got "
                    + text.asText().length());
        }
        return text.asText();
    }

    private static String optionalAuthor(JsonNode body) throws ApiException {
        JsonNode author = body.get("author");
        if (author == null || author.isNull()) {
            return null;
        }
        if (!author.isTextual()) {
            throw ApiException.badRequest("author must be a string or null; got " + author.getNodeType().name().toLowerCase());
        }
        if (author.asText().length() > MessageStore.MAX_AUTHOR_LENGTH) {
            throw ApiException.badRequest("author must be at most " + MessageStore.MAX_AUTHOR_LENGTH + " characters; got "
                    + author.asText().length());
        }
        return author.asText();
    }

    private static int limit(String raw) throws ApiException {
        if (raw == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(raw);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException notANumber) {
            // Same answer as out of range.
        }
        throw ApiException.badRequest("limit must be an integer from 1 to " + MAX_LIMIT + "; got '" + raw + "'");
    }

    private static long cursor(String conversationId, String raw) throws ApiException {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw badCursor(conversationId, raw);
        }
    }

    /** Report 000: a load test sent Date.now() as cursor; the answer must say what a cursor is. */
    private static ApiException badCursor(String conversationId, String raw) {
        return ApiException.badRequest("cursor must be the id of a message in conversation " + conversationId + "; got '" + raw + "'");
    }

    static ObjectNode toJson(Message m) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("id", m.id());
        node.put("conversationId", m.conversationId());
        node.put("text", m.text());
        node.put("author", m.author());
        node.put("createdAt", m.createdAt().toString());
        return node;
    }
}
