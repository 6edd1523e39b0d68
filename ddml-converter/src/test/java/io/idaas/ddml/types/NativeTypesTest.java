package io.idaas.ddml.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One table per mapping of SPEC.md sections 10 and 11. */
class NativeTypesTest {

    @ParameterizedTest(name = "MySQL {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        BOOLEAN | boolean
        TINYINT(1) | boolean
        bit(1) | boolean
        TINYINT | int8
        TINYINT(4) | int8
        TINYINT(1) UNSIGNED | int16
        TINYINT UNSIGNED | int16
        SMALLINT | int16
        YEAR | int16
        SMALLINT UNSIGNED | int32
        MEDIUMINT UNSIGNED | int32
        INT(11) | int32
        INT UNSIGNED | int64
        BIGINT | int64
        BIGINT(20) UNSIGNED ZEROFILL | decimal(20,0)
        SERIAL | decimal(20,0)
        DECIMAL(10,2) | decimal(10,2)
        DECIMAL(65,30) | decimal(65,30)
        NUMERIC | decimal(10,0)
        DECIMAL(5) UNSIGNED | decimal(5,0)
        FLOAT | float32
        FLOAT(30) | float64
        DOUBLE | float64
        REAL | float64
        BIT(10) | bytes(2)
        CHAR(3) | string(3)
        VARCHAR(255) | string(255)
        LONGTEXT | string
        BINARY(16) | bytes(16)
        VARBINARY(8) | bytes(8)
        MEDIUMBLOB | bytes
        DATE | date
        TIME | time(0)
        TIME(3) | time(3)
        DATETIME(6) | timestamp(6)
        TIMESTAMP | timestamptz(0)
        JSON | json
        "ENUM('a','it''s','c,d')" | "enum('a','it''s','c,d')"
        SET('x','y') | set('x','y')
        POINT | geometry
        MULTIPOLYGON | geometry
        """)
    void fromMySql(String nativeType, String portable) {
        assertThat(NativeTypes.fromMySql(nativeType)).hasToString(portable);
        assertThat(NativeTypes.fromMariaDb(nativeType)).hasToString(portable);
    }

    @ParameterizedTest(name = "MariaDB {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        UUID | uuid
        INET4 | string
        INET6 | string
        """)
    void fromMariaDbOnly(String nativeType, String portable) {
        assertThat(NativeTypes.fromMariaDb(nativeType)).hasToString(portable);
        assertThatThrownBy(() -> NativeTypes.fromMySql(nativeType)).hasMessageContaining("MySQL type");
    }

    @ParameterizedTest(name = "PostgreSQL {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        boolean | boolean
        bit(1) | boolean
        smallint | int16
        int2 | int16
        integer | int32
        serial | int32
        bigint | int64
        bigserial | int64
        numeric(10,2) | decimal(10,2)
        numeric(5) | decimal(5,0)
        numeric | decimal
        money | decimal(19,2)
        real | float32
        float(24) | float32
        double precision | float64
        float8 | float64
        character varying(16) | string(16)
        varchar | string
        character(3) | string(3)
        bpchar | string(1)
        text | string
        interval | string
        time with time zone | string
        name | string(63)
        bytea | bytes
        bit(12) | bytes(2)
        date | date
        time | time(6)
        time(3) without time zone | time(3)
        timestamp without time zone | timestamp(6)
        timestamp(0) | timestamp(0)
        timestamp(3) with time zone | timestamptz(3)
        timestamptz | timestamptz(6)
        uuid | uuid
        json | json
        jsonb | json
        integer[] | array(int32)
        _text | array(string)
        numeric(10,2)[] | array(decimal(10,2))
        geometry | geometry
        geometry(Point,4326) | geometry(4326)
        """)
    void fromPostgres(String nativeType, String portable) {
        assertThat(NativeTypes.fromPostgres(nativeType)).hasToString(portable);
    }

    @ParameterizedTest(name = "Oracle {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        NUMBER(1) | int8
        NUMBER(2,0) | int8
        NUMBER(4) | int16
        NUMBER(9) | int32
        NUMBER(18) | int64
        NUMBER(19) | decimal(19,0)
        NUMBER(10,2) | decimal(10,2)
        NUMBER(3,5) | decimal(5,5)
        NUMBER(5,-2) | int32
        NUMBER | decimal
        NUMBER(*) | decimal
        INTEGER | decimal(38,0)
        BINARY_FLOAT | float32
        BINARY_DOUBLE | float64
        FLOAT(126) | float64
        VARCHAR2(20 CHAR) | string(20)
        NVARCHAR2(10) | string(10)
        CHAR(1) | string(1)
        CLOB | string
        RAW(16) | bytes(16)
        BLOB | bytes
        DATE | timestamp(0)
        TIMESTAMP | timestamp(6)
        TIMESTAMP(9) | timestamp(6)
        TIMESTAMP(3) | timestamp(3)
        TIMESTAMP(6) WITH TIME ZONE | timestamptz(6)
        TIMESTAMP WITH LOCAL TIME ZONE | timestamptz(6)
        INTERVAL DAY(2) TO SECOND(6) | string
        JSON | json
        SDO_GEOMETRY | geometry
        """)
    void fromOracle(String nativeType, String portable) {
        assertThat(NativeTypes.fromOracle(nativeType)).hasToString(portable);
    }

    @ParameterizedTest(name = "SQL Server {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        bit | boolean
        tinyint | int16
        smallint | int16
        int | int32
        bigint | int64
        decimal(18,4) | decimal(18,4)
        numeric | decimal(18,0)
        money | decimal(19,4)
        smallmoney | decimal(10,4)
        real | float32
        float | float64
        float(24) | float32
        nvarchar(50) | string(50)
        nvarchar(max) | string
        varchar(max) | string
        ntext | string
        binary(4) | bytes(4)
        varbinary(max) | bytes
        rowversion | bytes(8)
        date | date
        time | time(6)
        time(2) | time(2)
        datetime | timestamp(3)
        smalldatetime | timestamp(0)
        datetime2 | timestamp(6)
        datetime2(3) | timestamp(3)
        datetimeoffset(7) | timestamptz(6)
        uniqueidentifier | uuid
        geography | geometry
        """)
    void fromSqlServer(String nativeType, String portable) {
        assertThat(NativeTypes.fromSqlServer(nativeType)).hasToString(portable);
    }

    @ParameterizedTest(name = "MongoDB {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        double | float64
        string | string
        object | json
        array | json
        binData | bytes
        uuid | uuid
        objectId | string(24)
        bool | boolean
        date | timestamptz(3)
        int | int32
        long | int64
        timestamp | int64
        decimal | decimal
        """)
    void fromMongo(String bsonType, String portable) {
        assertThat(NativeTypes.fromMongo(bsonType)).hasToString(portable);
    }

    @ParameterizedTest(name = "{0} -> MySQL {1}, MariaDB {2}, PostgreSQL {3}, MongoDB {4}, Redis {5}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        boolean | TINYINT(1) | TINYINT(1) | boolean | bool | BOOLEAN_TEXT
        int8 | TINYINT | TINYINT | smallint | int | INTEGER_TEXT
        int16 | SMALLINT | SMALLINT | smallint | int | INTEGER_TEXT
        int32 | INT | INT | integer | int | INTEGER_TEXT
        int64 | BIGINT | BIGINT | bigint | long | INTEGER_TEXT
        decimal(10,2) | DECIMAL(10,2) | DECIMAL(10,2) | numeric(10,2) | decimal | DECIMAL_TEXT
        decimal(38,0) | DECIMAL(38,0) | DECIMAL(38,0) | numeric(38,0) | string | DECIMAL_TEXT
        decimal(70,2) | VARCHAR(72) | VARCHAR(72) | numeric(70,2) | string | DECIMAL_TEXT
        decimal | DECIMAL(65,30) | DECIMAL(65,30) | numeric | decimal | DECIMAL_TEXT
        float32 | FLOAT | FLOAT | real | double | FLOAT_TEXT
        float64 | DOUBLE | DOUBLE | double precision | double | FLOAT_TEXT
        string(100) | VARCHAR(100) | VARCHAR(100) | varchar(100) | string | TEXT
        string(20000) | LONGTEXT | LONGTEXT | varchar(20000) | string | TEXT
        string | LONGTEXT | LONGTEXT | text | string | TEXT
        bytes(16) | VARBINARY(16) | VARBINARY(16) | bytea | binData | RAW_BYTES
        bytes | LONGBLOB | LONGBLOB | bytea | binData | RAW_BYTES
        date | DATE | DATE | date | string | TEXT
        time(3) | TIME(3) | TIME(3) | time(3) | string | TEXT
        timestamp(0) | DATETIME(0) | DATETIME(0) | timestamp(0) | date | TEXT
        timestamp(6) | DATETIME(6) | DATETIME(6) | timestamp(6) | string | TEXT
        timestamptz(3) | DATETIME(3) | DATETIME(3) | timestamptz(3) | date | TEXT
        uuid | CHAR(36) | CHAR(36) | uuid | uuid | TEXT
        json | JSON | JSON | jsonb | object | TEXT
        "enum('a','it''s')" | "ENUM('a','it''s')" | "ENUM('a','it''s')" | text | string | TEXT
        set('x','y') | SET('x','y') | SET('x','y') | text[] | array | JSON_TEXT
        array(int32) | JSON | JSON | integer[] | array | JSON_TEXT
        array(decimal(5,1)) | JSON | JSON | numeric(5,1)[] | array | JSON_TEXT
        geometry | GEOMETRY | GEOMETRY | geometry | binData | RAW_BYTES
        geometry(4326) | GEOMETRY SRID 4326 | GEOMETRY REF_SYSTEM_ID=4326 | geometry(Geometry,4326) | binData | RAW_BYTES
        """)
    void toTargets(String portable, String mysql, String mariadb, String postgres, String mongo, String redis) {
        PortableType type = PortableType.parse(portable);
        assertThat(NativeTypes.toMySql(type)).isEqualTo(mysql);
        assertThat(NativeTypes.toMariaDb(type)).isEqualTo(mariadb);
        assertThat(NativeTypes.toPostgres(type)).isEqualTo(postgres);
        assertThat(NativeTypes.toMongo(type)).isEqualTo(mongo);
        assertThat(NativeTypes.toRedis(type)).isEqualTo(RedisEncoding.valueOf(redis));
    }

    @ParameterizedTest(name = "MySQL {0} -> PostgreSQL -> MySQL keeps {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
        INT
        BIGINT
        DECIMAL(10,2)
        DOUBLE
        VARCHAR(100)
        DATE
        TIME(6)
        DATETIME(6)
        JSON
        """)
    void mysqlPostgresMysqlKeepsThePortableType(String mysql) {
        PortableType portable = NativeTypes.fromMySql(mysql);
        PortableType back = NativeTypes.fromPostgres(NativeTypes.toPostgres(portable));
        assertThat(NativeTypes.toMySql(back)).isEqualTo(NativeTypes.toMySql(portable));
    }

    @Test
    void unknownTypesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> NativeTypes.fromPostgres("mood")).hasMessageContaining("'mood'");
        assertThatThrownBy(() -> NativeTypes.fromMySql("FANCY")).hasMessageContaining("'FANCY'");
        assertThatThrownBy(() -> NativeTypes.fromOracle("ANYDATA")).hasMessageContaining("ANYDATA");
        assertThatThrownBy(() -> NativeTypes.fromSqlServer("cursor")).hasMessageContaining("cursor");
        assertThatThrownBy(() -> NativeTypes.fromMongo("minKey")).hasMessageContaining("minKey");
    }
}
