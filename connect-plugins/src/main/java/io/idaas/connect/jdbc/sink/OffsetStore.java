package io.idaas.connect.jdbc.sink;

import io.idaas.connect.jdbc.dialect.Dialect;
import org.apache.kafka.common.TopicPartition;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * The sink offsets table in the target: per connector, topic and partition, the next offset to apply. It is written
 * in the transaction that writes the rows, so the target alone says what was applied.
 */
public final class OffsetStore {

    private final Dialect dialect;
    private final String table;
    private final String connector;

    public OffsetStore(Dialect dialect, String table, String connector) {
        this.dialect = dialect;
        this.table = table;
        this.connector = connector;
    }

    /** Creates the table when missing, and commits. */
    public void ensureTable(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(dialect.createOffsetsTable(table));
        }
        connection.commit();
    }

    /** The next offset of every partition this connector has applied. */
    public Map<TopicPartition, Long> read(Connection connection) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (PreparedStatement st = connection.prepareStatement(dialect.selectOffsets(table))) {
            st.setString(1, connector);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
                }
            }
        }
        connection.commit();
        return offsets;
    }

    /** Writes the next offsets in the current transaction, without committing. */
    public void write(Connection connection, Map<TopicPartition, Long> next) throws SQLException {
        if (next.isEmpty()) {
            return;
        }
        try (PreparedStatement st = connection.prepareStatement(dialect.upsertOffset(table))) {
            for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
                st.setString(1, connector);
                st.setString(2, e.getKey().topic());
                st.setInt(3, e.getKey().partition());
                st.setLong(4, e.getValue());
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
