package io.idaas.connect.jdbc.sink;

import io.idaas.connect.jdbc.dialect.Dialect;
import io.idaas.connect.sink.TopicIdCheck;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sink offsets table in the target: per connector, topic and partition, the next offset to apply and the Kafka
 * topic id of the topic it belongs to ({@link TopicIdCheck}). It is written in the transaction that writes the rows,
 * so the target alone says what was applied, and from which topic.
 */
public final class OffsetStore {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetStore.class);

    private final Dialect dialect;
    private final String table;
    private final String connector;
    /** The current id of each topic, written with its offsets (set on the task's thread, read on the writer's). */
    private final Map<String, Uuid> topicIds = new ConcurrentHashMap<>();

    public OffsetStore(Dialect dialect, String table, String connector) {
        this.dialect = dialect;
        this.table = table;
        this.connector = connector;
    }

    /**
     * Creates the table when missing, brings a table of an older idaas up to date (adds the {@code topic_id} column;
     * on MariaDB and MySQL makes {@code connector} and {@code topic} compare exactly, where two topics differing only
     * in case shared one row), and commits.
     */
    public void ensureTable(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(dialect.createOffsetsTable(table));
        }
        connection.commit();
        if (keyFoldsCase(connection)) {
            try (Statement s = connection.createStatement()) {
                s.execute(dialect.offsetsKeyExact(table));
            }
            connection.commit();
            LOG.info("The offsets table {} compared topic names case-insensitively (created by an older idaas): its "
                + "connector and topic columns now compare exactly. Offsets two topics differing only in case wrote to "
                + "one row stay there, and the topic id check refuses them for the topic they are not of", table);
        }
        if (hasTopicIdColumn(connection)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute(dialect.addOffsetsTopicIdColumn(table));
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            if (!hasTopicIdColumn(connection)) { // else another task added it meanwhile
                throw e;
            }
        }
    }

    private boolean keyFoldsCase(Connection connection) throws SQLException {
        String probe = dialect.probeOffsetsKeyFoldsCase();
        if (probe == null) {
            return false;
        }
        try (PreparedStatement st = connection.prepareStatement(probe)) {
            st.setString(1, table);
            try (ResultSet rs = st.executeQuery()) {
                boolean folds = rs.next();
                connection.commit();
                return folds;
            }
        }
    }

    private boolean hasTopicIdColumn(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.executeQuery(dialect.probeOffsetsTopicId(table)).close();
            connection.commit();
            return true;
        } catch (SQLException e) {
            connection.rollback(); // PostgreSQL: the failed statement ended the transaction
            return false;
        }
    }

    /** Where the offsets of this connector for {@code topic} are, in words, for messages. */
    public String describe(String topic) {
        return "the rows with connector = '" + connector + "' and topic = '" + topic + "' of the offsets table " + table
            + " (offsets.table.name)";
    }

    /** The next offset, and the topic id stored with it, of every partition this connector has applied. */
    public Map<TopicPartition, TopicIdCheck.Stored> read(Connection connection) throws SQLException {
        Map<TopicPartition, TopicIdCheck.Stored> offsets = new HashMap<>();
        try (PreparedStatement st = connection.prepareStatement(dialect.selectOffsets(table))) {
            st.setString(1, connector);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(4);
                    offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)),
                        new TopicIdCheck.Stored(rs.getLong(3), id == null || id.isBlank() ? null : Uuid.fromString(id)));
                }
            }
        }
        connection.commit();
        return offsets;
    }

    /** Remembers the topics' current ids, written from now on with their offsets. */
    public void topicIds(Map<String, Uuid> ids) {
        topicIds.putAll(ids);
    }

    /** Writes the next offsets, with their topics' ids where known, in the current transaction, without committing. */
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
                Uuid id = topicIds.get(e.getKey().topic());
                if (id == null) {
                    st.setNull(5, Types.VARCHAR);
                } else {
                    st.setString(5, id.toString());
                }
                st.addBatch();
            }
            st.executeBatch();
        }
    }
}
