package io.idaas.connect.mongodb;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientException;
import com.mongodb.MongoException;
import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;

/** Tells a passing MongoDB failure (retried) from one that will not pass. */
final class MongoErrors {

    /** MongoDB's duplicate key error: a guarded upsert met a newer document. */
    static final int DUPLICATE_KEY = 11000;
    /** renameCollection or an index on a collection that does not exist. */
    static final int NAMESPACE_NOT_FOUND = 26;
    /** create or renameCollection onto an existing collection. */
    static final int NAMESPACE_EXISTS = 48;

    private MongoErrors() {
    }

    /** Whether retrying the same operations later may succeed: the server unreachable, without a primary, timing out. */
    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MongoSocketException || t instanceof MongoTimeoutException
                || t instanceof MongoNotPrimaryException || t instanceof MongoNodeIsRecoveringException
                || t instanceof MongoWriteConcernException || t instanceof MongoInterruptedException
                || t instanceof MongoSecurityException) {
                return true;
            }
            if (t instanceof MongoBulkWriteException b && b.getWriteConcernError() != null) {
                return true;
            }
            if (t instanceof MongoException m && (m.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                || m.hasErrorLabel("RetryableWriteError"))) {
                return true;
            }
            if (t instanceof MongoClientException && String.valueOf(t.getMessage()).contains("state should be: open")) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
