package io.idaas.ddml.connect;

import io.idaas.registry.RegisteredSchema;
import io.idaas.registry.SchemaRegistryClient;
import io.idaas.registry.SchemaRegistryException;
import java.util.List;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The schema registry as {@link DdmlConverter} uses it: the id to write a schema with under a subject (registered,
 * looked up, or the subject's latest version, as configured) and writer schemas by id, both cached. With several
 * registry URLs, a registry that does not answer hands over to the next.
 */
final class RegistrySchemas {

    private final List<SchemaRegistryClient> clients;
    private final boolean autoRegister;
    private final boolean useLatestVersion;
    private final LruCache<SubjectSchema, Integer> idsBySubject;
    private final LruCache<Integer, Schema> schemasById;

    private record SubjectSchema(String subject, Schema schema) {
    }

    RegistrySchemas(List<SchemaRegistryClient> clients, boolean autoRegister, boolean useLatestVersion, int cacheSize) {
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("no schema registry URL");
        }
        this.clients = List.copyOf(clients);
        this.autoRegister = autoRegister;
        this.useLatestVersion = useLatestVersion;
        this.idsBySubject = new LruCache<>(cacheSize);
        this.schemasById = new LruCache<>(cacheSize);
    }

    /** The registries of a converter's configuration. */
    static RegistrySchemas of(DdmlConverterConfig config) {
        return new RegistrySchemas(config.registryClients(),
                config.autoRegisterSchemas(), config.useLatestVersion(), config.schemasCacheSize());
    }

    /**
     * The id to frame values of {@code schema} with under {@code subject}.
     *
     * @throws SchemaRegistryException when the registry refuses (incompatible, unknown subject, ...)
     * @throws IllegalStateException   with use.latest.version, when the latest version is another schema
     */
    int writeId(String subject, Schema schema) {
        return idsBySubject.get(new SubjectSchema(subject, schema), key -> {
            if (useLatestVersion) {
                return latestId(subject, schema);
            }
            return autoRegister ? call(c -> c.register(subject, schema)) : call(c -> c.lookup(subject, schema).id());
        });
    }

    private int latestId(String subject, Schema schema) {
        RegisteredSchema latest = call(c -> c.latest(subject));
        if (!SchemaNormalization.toParsingForm(latest.schema()).equals(SchemaNormalization.toParsingForm(schema))) {
            throw new IllegalStateException("use.latest.version=true, but the latest version (" + latest.version() + ", id "
                    + latest.id() + ") of subject '" + subject + "' is " + latest.schema().getFullName()
                    + ", not the schema this converter writes (" + schema.getFullName() + ")");
        }
        return latest.id();
    }

    /** The schema with this registry-wide id, as a writer wrote values with it. */
    Schema schemaById(int id) {
        return schemasById.get(id, key -> call(c -> c.schemaById(key)));
    }

    /** The first registry's base URL, for messages. */
    String url() {
        return clients.get(0).baseUrl();
    }

    private <T> T call(Function<SchemaRegistryClient, T> request) {
        SchemaRegistryException unreachable = null;
        for (SchemaRegistryClient client : clients) {
            try {
                return request.apply(client);
            } catch (SchemaRegistryException e) {
                if (e.status() != SchemaRegistryException.UNREACHABLE) {
                    throw e;
                }
                if (unreachable == null) {
                    unreachable = e;
                } else {
                    unreachable.addSuppressed(e);
                }
            }
        }
        throw unreachable;
    }
}
