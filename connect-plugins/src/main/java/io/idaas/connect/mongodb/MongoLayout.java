package io.idaas.connect.mongodb;

import com.mongodb.client.model.Filters;
import org.apache.kafka.common.TopicPartition;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import java.util.List;

/**
 * The sink's names and filters in the target database (connect-plugins/README.md, "MongoDB sink"): row documents carry
 * {@code _ddml: {sortable, fingerprint}}; bookkeeping lives in collections whose names start with {@code _idaas}.
 */
final class MongoLayout {

    static final String OFFSETS = "_idaas_offsets";
    /** The field of an {@link #OFFSETS} document holding the Kafka topic id of its topic ({@code Uuid.toString()}). */
    static final String TOPIC_ID = "topicId";
    static final String APPLIED = "_idaas_applied";
    static final String TOMBSTONES = "_idaas_tombstones";
    static final String TABLES = "_idaas_tables";
    static final String META = "_ddml";
    static final String SORTABLE = "_ddml.sortable";

    private MongoLayout() {
    }

    /** A parent document whose merged arrays are all empty or absent ({@code <array>.0} missing in each). */
    static Bson arraysEmpty(List<String> arrays) {
        return Filters.and(arrays.stream().map(a -> Filters.exists(a + ".0", false)).toList());
    }

    /** A parent document with an element in at least one of its merged arrays. */
    static Bson anyArrayHolds(List<String> arrays) {
        return Filters.or(arrays.stream().map(a -> Filters.exists(a + ".0", true)).toList());
    }

    /** A parent document that stands for nothing: no row of its own ({@code _ddml} absent) and no merged child. */
    static Bson holdsNothing(List<String> arrays) {
        return Filters.and(Filters.exists(META, false), arraysEmpty(arrays));
    }

    /** {@code <connector>/<topic>/<partition>}: the _id of a partition's offset. */
    static String offsetId(String connector, TopicPartition tp) {
        return connector + "/" + tp.topic() + "/" + tp.partition();
    }

    /** A row write applies only where the stored document is older than the event, or was not written by the sink. */
    static Bson writeGuard(BsonValue id, String sortable) {
        return Filters.and(Filters.eq("_id", id),
            Filters.or(Filters.lt(SORTABLE, sortable), Filters.exists(META, false)));
    }

    /** A row delete applies only where the stored document is older than the event. */
    static Bson deleteGuard(BsonValue id, String sortable) {
        return Filters.and(Filters.eq("_id", id), Filters.lt(SORTABLE, sortable));
    }

    /** The _id of a row's tombstone: {@code {c: <collection>, k: <_id of the row>}}. */
    static BsonDocument tombstoneId(String collection, BsonValue id) {
        return new BsonDocument("c", new BsonString(collection)).append("k", id);
    }

    /** A bookkeeping position ({@code field}) is raised only from a smaller one, or set where there is none. */
    static Bson positionGuard(BsonValue id, String field, String sortable) {
        return Filters.and(Filters.eq("_id", id), Filters.or(Filters.lt(field, sortable), Filters.exists(field, false)));
    }
}
