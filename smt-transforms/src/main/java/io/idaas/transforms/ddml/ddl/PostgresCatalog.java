package io.idaas.transforms.ddml.ddl;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's catalog, read over JDBC with the connection settings of Debezium's PostgreSQL connector
 * ({@code database.hostname}, {@code database.port}, {@code database.user}, {@code database.password},
 * {@code database.dbname}, {@code database.sslmode}...): the table's oid and every row of {@code pg_attribute} with
 * {@code attnum > 0} (dropped ones too). A column's default is {@code pg_get_expr} of its {@code pg_attrdef} entry; an
 * identity column's is {@code nextval} of its sequence; generated columns have none (PostgreSQL's logical decoding does
 * not publish them). A read that fails is tried once more on a new connection.
 */
public final class PostgresCatalog implements SourceCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresCatalog.class);
    private static final String QUERY = "SELECT c.oid, a.attnum, a.attname, a.attisdropped, a.attgenerated <> '', "
        + "CASE WHEN a.attisdropped OR a.attgenerated <> '' THEN NULL WHEN a.attidentity <> '' THEN 'nextval(' || "
        + "quote_literal(pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname)) "
        + "|| '::regclass)' ELSE pg_get_expr(d.adbin, d.adrelid) END FROM pg_class c "
        + "JOIN pg_namespace n ON n.oid = c.relnamespace "
        + "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
        + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        + "WHERE n.nspname = ? AND c.relname = ? ORDER BY a.attnum";
    private static final Map<String, String> SSL = Map.of("database.sslmode", "sslmode", "database.sslrootcert", "sslrootcert",
        "database.sslcert", "sslcert", "database.sslkey", "sslkey", "database.sslpassword", "sslpassword");

    private final String url;
    private final Properties props;
    private Connection connection;

    private PostgresCatalog(String url, Properties props) {
        this.url = url;
        this.props = props;
    }

    /** The catalog of the database a Debezium PostgreSQL connector with these settings captures. */
    public static PostgresCatalog of(Map<String, String> connectorConfig) {
        String host = connectorConfig.getOrDefault("database.hostname", "localhost");
        String port = connectorConfig.getOrDefault("database.port", "5432");
        String db = connectorConfig.getOrDefault("database.dbname", "postgres");
        Properties props = new Properties();
        if (connectorConfig.get("database.user") != null) {
            props.setProperty("user", connectorConfig.get("database.user"));
        }
        if (connectorConfig.get("database.password") != null) {
            props.setProperty("password", connectorConfig.get("database.password"));
        }
        SSL.forEach((key, prop) -> {
            if (connectorConfig.get(key) != null) {
                props.setProperty(prop, connectorConfig.get(key));
            }
        });
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "idaas-ddml-catalog");
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new PostgresCatalog("jdbc:postgresql://" + h + ":" + port + "/" + db, props);
    }

    @Override
    public Optional<CatalogTable> table(String schema, String table) {
        String namespace = schema == null ? "public" : schema;
        try {
            return read(namespace, table);
        } catch (SQLException | RuntimeException first) {
            close();
            try {
                return read(namespace, table);
            } catch (SQLException | RuntimeException e) {
                close();
                LOG.warn("Cannot read table {}.{} from the source's catalog ({}): the derived DDL event carries no column "
                    + "defaults, and a column that vanished while another appeared is derived as dropped and added (the "
                    + "target loses its values) whether it was renamed or not", namespace, table, e.getMessage());
                return Optional.empty();
            }
        }
    }

    private Optional<CatalogTable> read(String schema, String table) throws SQLException {
        try (PreparedStatement st = connection().prepareStatement(QUERY)) {
            st.setString(1, schema);
            st.setString(2, table);
            try (ResultSet rs = st.executeQuery()) {
                Long oid = null;
                List<CatalogTable.CatalogColumn> columns = new ArrayList<>();
                while (rs.next()) {
                    oid = rs.getLong(1);
                    int number = rs.getInt(2);
                    if (!rs.wasNull()) {
                        columns.add(new CatalogTable.CatalogColumn(number, rs.getString(3), rs.getBoolean(4), rs.getBoolean(5),
                            rs.getString(6)));
                    }
                }
                return oid == null ? Optional.empty() : Optional.of(new CatalogTable(oid, columns));
            }
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = open();
        }
        return connection;
    }

    /** Opens a connection with the driver next to this class (DriverManager may not see a plugin's classes). */
    private Connection open() throws SQLException {
        for (Driver driver : ServiceLoader.load(Driver.class, PostgresCatalog.class.getClassLoader())) {
            if (driver.acceptsURL(url)) {
                Connection c = driver.connect(url, props);
                c.setAutoCommit(true);
                c.setReadOnly(true);
                return c;
            }
        }
        return DriverManager.getConnection(url, props);
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // already broken
            }
            connection = null;
        }
    }
}
