package io.idaas.transforms.ddml.debezium;

/** The Connect schema names (semantic types) and schema parameters Debezium 3.x writes. */
public final class SemanticNames {

    public static final String DECIMAL = "org.apache.kafka.connect.data.Decimal";
    public static final String DECIMAL_SCALE = "scale";
    public static final String DECIMAL_PRECISION = "connect.decimal.precision";
    public static final String CONNECT_DATE = "org.apache.kafka.connect.data.Date";
    public static final String CONNECT_TIME = "org.apache.kafka.connect.data.Time";
    public static final String CONNECT_TIMESTAMP = "org.apache.kafka.connect.data.Timestamp";

    public static final String VARIABLE_SCALE_DECIMAL = "io.debezium.data.VariableScaleDecimal";
    public static final String DATE = "io.debezium.time.Date";
    public static final String TIME = "io.debezium.time.Time";
    public static final String MICRO_TIME = "io.debezium.time.MicroTime";
    public static final String NANO_TIME = "io.debezium.time.NanoTime";
    public static final String TIMESTAMP = "io.debezium.time.Timestamp";
    public static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    public static final String NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    public static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    public static final String ZONED_TIME = "io.debezium.time.ZonedTime";
    public static final String ISO_DATE = "io.debezium.time.IsoDate";
    public static final String ISO_TIME = "io.debezium.time.IsoTime";
    public static final String ISO_TIMESTAMP = "io.debezium.time.IsoTimestamp";
    public static final String YEAR = "io.debezium.time.Year";
    public static final String MICRO_DURATION = "io.debezium.time.MicroDuration";
    public static final String INTERVAL = "io.debezium.time.Interval";
    public static final String JSON = "io.debezium.data.Json";
    public static final String UUID = "io.debezium.data.Uuid";
    public static final String XML = "io.debezium.data.Xml";
    public static final String ENUM = "io.debezium.data.Enum";
    public static final String ENUM_SET = "io.debezium.data.EnumSet";
    public static final String ENUM_ALLOWED = "allowed";
    public static final String BITS = "io.debezium.data.Bits";
    public static final String BITS_LENGTH = "length";
    public static final String GEOMETRY = "io.debezium.data.geometry.Geometry";
    public static final String GEOGRAPHY = "io.debezium.data.geometry.Geography";
    public static final String POINT = "io.debezium.data.geometry.Point";

    /** Schema parameters added by {@code column.propagate.source.type}. */
    public static final String SOURCE_TYPE = "__debezium.source.column.type";
    public static final String SOURCE_LENGTH = "__debezium.source.column.length";
    public static final String SOURCE_SCALE = "__debezium.source.column.scale";

    /** Record value schema names of Debezium records that are not change events and pass through untouched. */
    public static final String HEARTBEAT = "io.debezium.connector.common.Heartbeat";
    public static final String TRANSACTION_METADATA_SUFFIX = ".TransactionMetadataValue";
    public static final String SCHEMA_CHANGE_SUFFIX = ".SchemaChangeValue";

    private SemanticNames() {
    }
}
