package io.idaas.verify.mongodb;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The arrays the MongoDB sink merges a child table into are told from a stray field that no column explains. */
class MergedArrayTest {

    private static BsonDocument element(int id) {
        return new BsonDocument("id", new BsonInt32(id)).append("_ddml", new BsonDocument("sortable", new BsonString("p" + id)));
    }

    @Test
    void anArrayOfElementsCarryingTheSinksPositionIsAMergedArray() {
        assertThat(MongoTableVerifier.isMergedArray(new BsonArray(List.of(element(1), element(2))))).isTrue();
        assertThat(MongoTableVerifier.isMergedArray(new BsonArray())).as("all its children gone").isTrue();
    }

    @Test
    void anyOtherValueIsAStrayField() {
        assertThat(MongoTableVerifier.isMergedArray(new BsonString("x"))).isFalse();
        assertThat(MongoTableVerifier.isMergedArray(new BsonArray(List.of(new BsonInt32(1))))).isFalse();
        assertThat(MongoTableVerifier.isMergedArray(new BsonArray(List.of(element(1), new BsonDocument("id", new BsonInt32(2))))))
            .as("an element without _ddml").isFalse();
    }

    @Test
    void aDocumentHoldingOnlyMergedChildrenStandsForNoRowAnythingMoreIsAnExtraRow() {
        BsonDocument holder = new BsonDocument("_id", new BsonInt32(5)).append("lines", new BsonArray(List.of(element(1))));
        assertThat(MongoTableVerifier.holdsOnlyMergedChildren(holder)).isTrue();
        assertThat(MongoTableVerifier.holdsOnlyMergedChildren(holder.clone().append("_ddml", new BsonDocument())))
            .as("a row's document").isFalse();
        assertThat(MongoTableVerifier.holdsOnlyMergedChildren(holder.clone().append("customer", new BsonString("x"))))
            .as("a field of the row").isFalse();
        assertThat(MongoTableVerifier.holdsOnlyMergedChildren(new BsonDocument("_id", new BsonInt32(5))
            .append("lines", new BsonArray()))).as("empty: the sink deletes it; here it is an extra row").isFalse();
    }
}
