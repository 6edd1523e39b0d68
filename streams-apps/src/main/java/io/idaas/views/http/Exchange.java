package io.idaas.views.http;

/**
 * One HTTP request and the way to answer it, as the views' routes see it: whatever server carries it, the routes read
 * the method, the path and the query and send one JSON answer.
 */
interface Exchange {

    /** The request's method ({@code GET}, ...). */
    String method();

    /** The request's path as sent, still percent-encoded. */
    String rawPath();

    /** The request's query as sent, still percent-encoded; {@code null} when there is none. */
    String rawQuery();

    /** For logs: the method and the path and query as sent. */
    String describe();

    /**
     * Sends {@code json} with {@code status} and ends the exchange. Called once; a connection the client closed is
     * not an error of the caller's (the server logs it at DEBUG).
     */
    void send(int status, byte[] json);

    /** As {@link #send(int, byte[])}, with another Content-Type than JSON. */
    void send(int status, String contentType, byte[] body);
}
