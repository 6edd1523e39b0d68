package io.idaas.e2e.mongodb;

import com.mongodb.client.MongoDatabase;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain reader of a workload table's MongoDB copy, written for the tests without the sink's code: the rows of the
 * source table by plain SQL, turned into the document mongo-layout.md promises ({@code _id} the id as int32; a field
 * per column, NULL as BSON null; {@code DECIMAL(12,2)} as Decimal128 with scale 2; {@code DATETIME(6)}/{@code
 * TIMESTAMP(6)} as the text {@code yyyy-mm-ddTHH:MM:SS.ffffff}), against each document of the collection read with the
 * official driver.
 */
final class MongoCopy {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    private MongoCopy() {
    }

    /** The differences between the source table and its collection (empty when equal), at most 20. */
    static List<String> differences(Connection source, String table, MongoDatabase target, String collection)
        throws SQLException {
        Map<Integer, BsonDocument> expected = new TreeMap<>();
        boolean extra = hasColumn(source, table, "extra");
        try (Statement st = source.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, customer, amount, qty, note, updated_at"
                 + (extra ? ", extra" : "") + " FROM " + table)) {
            while (rs.next()) {
                int id = rs.getInt("id");
                BsonDocument row = new BsonDocument("id", new BsonInt32(id));
                row.append("customer", text(rs.getString("customer")));
                BigDecimal amount = rs.getBigDecimal("amount");
                row.append("amount", amount == null ? BsonNull.VALUE : new BsonDecimal128(new Decimal128(amount.setScale(2))));
                row.append("qty", rs.getObject("qty") == null ? BsonNull.VALUE : new BsonInt32(rs.getInt("qty")));
                row.append("note", text(rs.getString("note")));
                LocalDateTime at = rs.getObject("updated_at", LocalDateTime.class);
                row.append("updated_at", at == null ? BsonNull.VALUE : new BsonString(TIMESTAMP.format(at)));
                if (extra) {
                    row.append("extra", rs.getObject("extra") == null ? BsonNull.VALUE : new BsonInt32(rs.getInt("extra")));
                }
                expected.put(id, row);
            }
        }
        List<String> out = new ArrayList<>();
        Map<Integer, BsonDocument> stored = new TreeMap<>();
        for (BsonDocument d : target.getCollection(collection, BsonDocument.class).find()) {
            BsonValue id = d.get("_id");
            if (!(id instanceof BsonInt32 i)) {
                out.add("an _id that is not an int32: " + d.toJson());
                continue;
            }
            stored.put(i.getValue(), d);
        }
        for (Integer id : stored.keySet()) {
            if (!expected.containsKey(id)) {
                out.add("extra in MongoDB: " + stored.get(id).toJson());
            }
        }
        for (Map.Entry<Integer, BsonDocument> e : expected.entrySet()) {
            BsonDocument doc = stored.get(e.getKey());
            if (doc == null) {
                out.add("missing from MongoDB: " + e.getKey());
            } else {
                BsonDocument fields = doc.clone();
                fields.remove("_id");
                fields.remove("_ddml");
                if (!sameFields(fields, e.getValue())) {
                    out.add(e.getKey() + ": source " + e.getValue().toJson() + ", MongoDB " + fields.toJson());
                }
                if (!doc.containsKey("_ddml") || !doc.getDocument("_ddml").containsKey("sortable")) {
                    out.add(e.getKey() + ": no _ddml.sortable");
                }
            }
            if (out.size() >= 20) {
                break;
            }
        }
        return out;
    }

    /** Field by field, whatever the order; a Decimal128 compared with its scale. */
    private static boolean sameFields(BsonDocument stored, BsonDocument expected) {
        return new TreeMap<>(stored).equals(new TreeMap<>(expected));
    }

    private static BsonValue text(String s) {
        return s == null ? BsonNull.VALUE : new BsonString(s);
    }

    private static boolean hasColumn(Connection db, String table, String column) throws SQLException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                if (rs.getMetaData().getColumnName(i).equalsIgnoreCase(column)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The documents whose {@code _ddml.sortable} is not the position of their key's last event in the topic. */
    static List<String> stalePositions(MongoDatabase target, String collection, Map<String, String> last) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : last.entrySet()) {
            BsonDocument d = target.getCollection(collection, BsonDocument.class)
                .find(new BsonDocument("_id", new BsonInt32(Integer.parseInt(e.getKey())))).first();
            String stored = d == null || !d.containsKey("_ddml") ? null : d.getDocument("_ddml").getString("sortable").getValue();
            if (!e.getValue().equals(stored)) {
                out.add(collection + "/" + e.getKey() + ": MongoDB " + stored + ", the topic's last event " + e.getValue());
            }
        }
        return out;
    }
}
