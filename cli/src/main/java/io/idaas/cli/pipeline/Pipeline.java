package io.idaas.cli.pipeline;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline file once read, its variables filled in and checked against {@code pipeline.schema.json}
 * (pipelines/README.md describes every field). Values are kept as the file wrote them: a {@code ${env:VAR}} or
 * {@code ${file:/path:key}} reference stays a reference, for Connect's config providers to resolve.
 *
 * @param kafkaBootstrap the file's {@code kafka.bootstrap_servers}, else null
 * @param ddl            the pipeline's DDL policy, key (e.g. {@code create}) to apply/ignore/fail
 * @param verify         the file's {@code verify} block, else null
 */
public record Pipeline(String name, String topicPrefix, String kafkaBootstrap, Source source, List<Processor> processors,
                       List<Target> targets, Map<String, String> ddl, DeadLetter deadLetter, Verify verify) {

    /** The captured database. {@code connection} holds host, port, user, password, database and the optional keys. */
    public record Source(String kind, Map<String, String> connection, List<String> include, List<String> exclude,
                         String snapshot, Map<String, String> options) {

        public String host() {
            return connection.get("host");
        }

        public String port() {
            return connection.get("port");
        }

        public String user() {
            return connection.get("user");
        }

        public String password() {
            return connection.get("password");
        }

        public String database() {
            return connection.get("database");
        }

        /** PostgreSQL's schema (default public), Oracle's schema; MariaDB/MySQL: the database. */
        public String schemaOrDatabase() {
            return switch (kind) {
                case "postgres" -> connection.getOrDefault("schema", "public");
                case "oracle" -> connection.getOrDefault("schema", connection.get("user").toUpperCase(java.util.Locale.ROOT));
                default -> database();
            };
        }
    }

    /** A DDML processor: the transform's alias, its simple class name, its keys. */
    public record Processor(String name, String type, Map<String, String> config) {

        public String className() {
            String pkg = switch (type) {
                case "DdmlFilter" -> "filter";
                case "DdmlColumns" -> "columns";
                case "DdmlMask" -> "mask";
                case "DdmlRoute" -> "route";
                case "DdmlComputedColumn" -> "computed";
                default -> throw new IllegalArgumentException("unknown processor type " + type);
            };
            return "io.idaas.transforms.ddml.process." + pkg + "." + type;
        }
    }

    /**
     * A target. {@code endpoint} holds its kind's keys: url, user, password (jdbc); uri, password, prefix (redis); uri,
     * database (mongodb). {@code tables}: the source's tables it reads, empty for all the source captures.
     */
    public record Target(String name, String kind, Map<String, String> endpoint, List<String> tables, List<Processor> processors,
                         Map<String, String> ddl, Map<String, String> options) {

        /** For a JDBC target, the database system its URL names: postgres, mariadb or mysql; else the kind. */
        public String system() {
            if (!kind.equals("jdbc")) {
                return kind;
            }
            String url = endpoint.get("url");
            if (url.startsWith("jdbc:postgresql:")) {
                return "postgres";
            }
            if (url.startsWith("jdbc:mariadb:")) {
                return "mariadb";
            }
            if (url.startsWith("jdbc:mysql:")) {
                return "mysql";
            }
            throw new IllegalArgumentException("target '" + name + "': the URL " + url + " names no database system idaas writes to: "
                    + "write jdbc:postgresql://HOST:PORT/DB, jdbc:mariadb://HOST:PORT/DB or jdbc:mysql://HOST:PORT/DB");
        }
    }

    /** Where refused changes go: the dead-letter topic and Connect's {@code errors.tolerance}. */
    public record DeadLetter(String topic, String tolerance) {
    }

    /** The tables {@code idaas pipeline verify} compares, and the columns it leaves out (null: the verifier's default). */
    public record Verify(List<String> tables, String ignoreColumns) {
    }

    /** The source connector's name. */
    public String sourceConnector() {
        return name + "-source";
    }

    /** A target's sink connector's name. */
    public String sinkConnector(Target target) {
        return name + "-to-" + target.name();
    }

    /** Whether a connector of that name belongs to this pipeline: {@code <name>-source} or {@code <name>-to-*}. */
    public boolean owns(String connector) {
        return connector.equals(sourceConnector()) || connector.startsWith(name + "-to-");
    }

    /** This pipeline with only the targets {@code keep} accepts (e.g. a demo without Redis). */
    public Pipeline withTargets(java.util.function.Predicate<Target> keep) {
        return new Pipeline(name, topicPrefix, kafkaBootstrap, source, processors, targets.stream().filter(keep).toList(), ddl,
                deadLetter, verify);
    }

    public Optional<Verify> verification() {
        return Optional.ofNullable(verify);
    }

    /** The PostgreSQL source's replication slot and publication: {@code connection.slot}, else {@code idaas_<name>}. */
    public String slot() {
        return source.connection().getOrDefault("slot", "idaas_" + name.replace('-', '_'));
    }
}
