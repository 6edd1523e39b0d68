package io.idaas.transforms.ddml.types;

import io.idaas.ddml.Column;
import io.idaas.ddml.SourceSystem;
import io.idaas.ddml.types.NativeTypes;
import io.idaas.ddml.types.PortableType;
import io.idaas.ddml.types.TypeKind;
import io.idaas.transforms.ddml.debezium.SemanticNames;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;

/**
 * Makes DDML columns, the same way from a DML event's Connect schema (with the parameters of
 * {@code column.propagate.source.type}) and from a schema-change event's {@code tableChanges}, so
 * that both give the same schema fingerprint for the same table.
 */
public final class ColumnFactory {

    private ColumnFactory() {
    }

    /**
     * A column from a field of a change event's row schema. The portable type comes from the
     * propagated source type when present and mapped, else from the Connect schema.
     */
    public static Column fromConnect(SourceSystem system, String name, Schema schema) {
        Map<String, String> params = schema.parameters();
        String typeName = params == null ? null : params.get(SemanticNames.SOURCE_TYPE);
        PortableType fallback = ConnectTypes.portable(schema);
        if (typeName == null || system == null) {
            return new Column(name, fallback, null, schema.isOptional(), null, null, null, null);
        }
        List<String> values = SemanticNames.ENUM.equals(schema.name()) || SemanticNames.ENUM_SET.equals(schema.name())
            ? ConnectTypes.allowed(schema) : List.of();
        return of(system, name, typeName, integer(params.get(SemanticNames.SOURCE_LENGTH)),
            integer(params.get(SemanticNames.SOURCE_SCALE)), values, schema.isOptional(), null, fallback);
    }

    /**
     * A column from the parts a source reports.
     *
     * @param fallback the type to use when the native type is not in the mapping tables; null to fail then
     * @throws IllegalArgumentException when the native type is not mapped and there is no fallback
     */
    public static Column of(SourceSystem system, String name, String typeName, Integer length, Integer scale,
                            List<String> values, boolean nullable, String defaultValue, PortableType fallback) {
        String nativeType = NativeTypeText.of(system, typeName, length, scale, values);
        PortableType type;
        try {
            type = map(system, nativeType);
        } catch (IllegalArgumentException e) {
            if (fallback == null) {
                throw e;
            }
            type = fallback;
        }
        boolean reported = length != null && length >= 0;
        Integer colLength = reported && type.length() != null ? type.length() : null;
        Integer precision = reported && type.kind() == TypeKind.DECIMAL && type.precision() != null ? type.precision() : null;
        Integer colScale = precision != null ? type.scale() : null;
        return new Column(name, type, nativeType, nullable, defaultValue, colLength, precision, colScale);
    }

    private static PortableType map(SourceSystem system, String nativeType) {
        return switch (system) {
            case MYSQL -> NativeTypes.fromMySql(nativeType);
            case MARIADB -> NativeTypes.fromMariaDb(nativeType);
            case POSTGRESQL -> NativeTypes.fromPostgres(nativeType);
            case ORACLE -> NativeTypes.fromOracle(nativeType);
            case SQLSERVER -> NativeTypes.fromSqlServer(nativeType);
            case MONGODB -> NativeTypes.fromMongo(nativeType);
            case DB2 -> throw new IllegalArgumentException("no Db2 mapping table in DDML v1");
        };
    }

    private static Integer integer(String text) {
        return text == null || !io.idaas.ddml.types.CanonicalText.isInteger(text) ? null : Integer.valueOf(text);
    }
}
