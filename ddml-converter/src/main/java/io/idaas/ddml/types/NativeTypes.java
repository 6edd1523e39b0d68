package io.idaas.ddml.types;

/**
 * The mapping tables of SPEC.md as code: native type text of each source system to a portable
 * type, and a portable type to each target system's type. Every method throws
 * {@link IllegalArgumentException} for a type it does not map.
 */
public final class NativeTypes {

    private NativeTypes() {
    }

    /** A MySQL column type, e.g. {@code "TINYINT(1)"} to boolean, {@code "BIGINT UNSIGNED"} to decimal(20,0). */
    public static PortableType fromMySql(String nativeType) {
        return MySqlTypes.from(nativeType, false);
    }

    /** A MariaDB column type (MySQL's, plus UUID, INET4, INET6). */
    public static PortableType fromMariaDb(String nativeType) {
        return MySqlTypes.from(nativeType, true);
    }

    /** A PostgreSQL column type, e.g. {@code "numeric(10,2)"}, {@code "timestamp(3) with time zone"}, {@code "int4[]"}. */
    public static PortableType fromPostgres(String nativeType) {
        return PostgresTypes.from(nativeType);
    }

    /** An Oracle column type, e.g. {@code "NUMBER(10,0)"}, {@code "VARCHAR2(20 CHAR)"}. */
    public static PortableType fromOracle(String nativeType) {
        return OracleTypes.from(nativeType);
    }

    /** A SQL Server column type, e.g. {@code "datetime2(7)"}, {@code "nvarchar(max)"}. */
    public static PortableType fromSqlServer(String nativeType) {
        return SqlServerTypes.from(nativeType);
    }

    /** A BSON type alias as MongoDB's {@code $type} names it, e.g. {@code "objectId"}, {@code "decimal"}. */
    public static PortableType fromMongo(String bsonType) {
        return MongoTypes.from(bsonType);
    }

    /** The MySQL column type for a portable type, e.g. {@code DECIMAL(10,2)}. */
    public static String toMySql(PortableType type) {
        return MySqlTypes.to(type, false);
    }

    /** The MariaDB column type for a portable type (as MySQL, but a geometry's SRID is written MariaDB's way). */
    public static String toMariaDb(PortableType type) {
        return MySqlTypes.to(type, true);
    }

    /** The PostgreSQL column type for a portable type, e.g. {@code numeric(10,2)}. */
    public static String toPostgres(PortableType type) {
        return PostgresTypes.to(type);
    }

    /** The BSON type (a {@code $type} alias) a MongoDB target stores a portable type's values as. */
    public static String toMongo(PortableType type) {
        return MongoTypes.to(type);
    }

    /** How a Redis target writes a portable type's values into a hash field. */
    public static RedisEncoding toRedis(PortableType type) {
        return RedisValues.encodingOf(type);
    }
}
