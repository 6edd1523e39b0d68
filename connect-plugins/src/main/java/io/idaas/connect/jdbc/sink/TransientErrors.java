package io.idaas.connect.jdbc.sink;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Tells a failure that may pass (connection lost, deadlock, server restarting) from one that will not. */
public final class TransientErrors {

    private TransientErrors() {
    }

    /** Whether retrying the same work later may succeed. */
    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException || t instanceof java.io.IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08 connection, 40 rollback (deadlock, serialization), 53 resources, 57P0x server shutting down
                if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P0")
                    || state.equals("HY000") && sql.getMessage() != null && sql.getMessage().contains("Connection")) {
                    return true;
                }
            }
        }
        return false;
    }
}
