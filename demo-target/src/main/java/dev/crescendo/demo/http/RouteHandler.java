package dev.crescendo.demo.http;

/** Answers one route's requests. */
@FunctionalInterface
public interface RouteHandler {
    Response handle(Request request) throws ApiException;
}
