package io.idaas.ddml;

import java.util.Objects;

/**
 * One DDML change event: the same shape whatever the source system. See SPEC.md.
 *
 * @param specVersion the DDML version, {@code major.minor}
 * @param id          the event id, {@code source.name + "/" + position.sortable}
 * @param source      where the change happened
 * @param position    where it sits in the source's log
 * @param transaction the source transaction; null when the source gives none (e.g. snapshot reads)
 * @param time        commit, capture and emit times
 * @param schema      the table's schema at this event; required for DML, create_table and alter_table
 * @param dml         the row change; set exactly when the kind is DML
 * @param ddl         the definition change; set exactly when the kind is DDL
 */
public record DdmlEvent(String specVersion, String id, Source source, Position position, Transaction transaction,
                        Timing time, TableSchema schema, DmlChange dml, DdlChange ddl) {

    /** Checks the event and brings its rows in line with the schema (see {@link io.idaas.ddml.types.PortableValues}). */
    public DdmlEvent {
        SpecVersion.requireReadable(specVersion);
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(time, "time");
        if ((dml == null) == (ddl == null)) {
            throw new IllegalArgumentException("an event has exactly one of dml and ddl");
        }
        if (dml != null) {
            if (schema == null) {
                throw new IllegalArgumentException("a DML event needs the table schema");
            }
            dml = RowShaper.shape(dml, schema);
        } else if (schema == null && (ddl.op() == DdlOp.CREATE_TABLE || ddl.op() == DdlOp.ALTER_TABLE)) {
            throw new IllegalArgumentException(ddl.op().wireName() + " needs the table schema after the change");
        }
    }

    /** DML or DDL. */
    public EventKind kind() {
        return dml != null ? EventKind.DML : EventKind.DDL;
    }

    /** The event id for a source name and a sortable position. */
    public static String idOf(String sourceName, String sortablePosition) {
        return sourceName + "/" + sortablePosition;
    }

    /** A builder; the id defaults to {@link #idOf(String, String)}, the version to {@link SpecVersion#CURRENT}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link DdmlEvent}. */
    public static final class Builder {
        private String specVersion = SpecVersion.CURRENT;
        private String id;
        private Source source;
        private Position position;
        private Transaction transaction;
        private Timing time;
        private TableSchema schema;
        private DmlChange dml;
        private DdlChange ddl;

        private Builder() {
        }

        /** The spec version (default {@link SpecVersion#CURRENT}). */
        public Builder specVersion(String specVersion) {
            this.specVersion = specVersion;
            return this;
        }

        /** The id (default: computed from source name and sortable position). */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The source. */
        public Builder source(Source source) {
            this.source = source;
            return this;
        }

        /** The position. */
        public Builder position(Position position) {
            this.position = position;
            return this;
        }

        /** The transaction. */
        public Builder transaction(Transaction transaction) {
            this.transaction = transaction;
            return this;
        }

        /** The timing. */
        public Builder time(Timing time) {
            this.time = time;
            return this;
        }

        /** The table schema. */
        public Builder schema(TableSchema schema) {
            this.schema = schema;
            return this;
        }

        /** The row change (makes this a DML event). */
        public Builder dml(DmlChange dml) {
            this.dml = dml;
            return this;
        }

        /** The definition change (makes this a DDL event). */
        public Builder ddl(DdlChange ddl) {
            this.ddl = ddl;
            return this;
        }

        /** The event. */
        public DdmlEvent build() {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(position, "position");
            String eventId = id != null ? id : idOf(source.name(), position.sortable());
            return new DdmlEvent(specVersion, eventId, source, position, transaction, time, schema, dml, ddl);
        }
    }
}
