package io.idaas.views.app;

/** A view's store cannot be read on this instance now (starting, or partitions moving after a rebalance): retry. */
public class ViewUnavailableException extends RuntimeException {

    public ViewUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
