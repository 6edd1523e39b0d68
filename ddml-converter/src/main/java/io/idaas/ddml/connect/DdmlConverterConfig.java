package io.idaas.ddml.connect;

import io.idaas.registry.SubjectNameStrategy;
import io.idaas.registry.TopicNameStrategy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;

/**
 * The configuration of {@link DdmlConverter}: one documented {@link ConfigDef}, {@link #CONFIG_DEF}, with typed
 * getters. The registry keys are named as Confluent's {@code AvroConverter} names them, so an existing Connect
 * configuration changes only its converter class and {@code ddml.format}.
 */
public final class DdmlConverterConfig extends ConverterConfig {

    /** {@code ddml.format}: {@code json} or {@code avro}. */
    public static final String FORMAT_CONFIG = "ddml.format";
    static final String FORMAT_DOC = "How DDML is written to and read from Kafka: 'json' (DDML JSON, UTF-8, SPEC.md) or 'avro' "
            + "(the DDML Avro envelope in the Confluent wire format: magic byte 0, 4-byte schema id, Avro binary; needs "
            + "schema.registry.url).";

    /** {@code schema.registry.url}: a comma-separated list of registry URLs. */
    public static final String REGISTRY_URL_CONFIG = "schema.registry.url";
    static final String REGISTRY_URL_DOC = "Comma-separated http(s) URLs of Confluent-API schema registries; the first that "
            + "answers is used. Required when ddml.format=avro, ignored for json.";

    /** {@code key.subject.name.strategy}. */
    public static final String KEY_SUBJECT_NAME_STRATEGY_CONFIG = "key.subject.name.strategy";
    /** {@code value.subject.name.strategy}. */
    public static final String VALUE_SUBJECT_NAME_STRATEGY_CONFIG = "value.subject.name.strategy";
    static final String STRATEGY_DOC = "The registry subject of the %s schema: 'topic' (<topic>-%s), 'record' (the Avro "
            + "record's full name) or 'topic-record' (<topic>-<record full name>), or Confluent's class names "
            + "(io.confluent.kafka.serializers.subject.TopicNameStrategy, RecordNameStrategy, TopicRecordNameStrategy).%s";

    /** {@code auto.register.schemas}. */
    public static final String AUTO_REGISTER_CONFIG = "auto.register.schemas";
    static final String AUTO_REGISTER_DOC = "Whether the converter registers the DDML Avro schema under its subject when "
            + "writing. When false it looks the schema up under the subject and fails if it is not there.";

    /** {@code use.latest.version}. */
    public static final String USE_LATEST_VERSION_CONFIG = "use.latest.version";
    static final String USE_LATEST_VERSION_DOC = "Whether the converter writes with the id of the subject's latest version "
            + "instead of registering or looking up its own schema. The latest version must be the DDML envelope this "
            + "converter writes. Needs auto.register.schemas=false.";

    /** {@code schemas.cache.size}. */
    public static final String SCHEMAS_CACHE_SIZE_CONFIG = "schemas.cache.size";
    static final String SCHEMAS_CACHE_SIZE_DOC = "How many schema ids (by subject) and writer schemas (by id) the converter "
            + "keeps, least recently used dropped first.";

    /** {@code basic.auth.credentials.source}: where the registry's Basic credentials come from. */
    public static final String CREDENTIALS_SOURCE_CONFIG = "basic.auth.credentials.source";
    static final String CREDENTIALS_SOURCE_DOC = "Where the HTTP Basic credentials sent to the schema registry come from: "
            + "'USER_INFO' (basic.auth.user.info) or 'URL' (the user info of each schema.registry.url, "
            + "https://<user>:<password>@host:8081; none when a URL has none). As Confluent's converters name it.";
    /** {@code basic.auth.user.info}: {@code user:password}. */
    public static final String USER_INFO_CONFIG = "basic.auth.user.info";
    static final String USER_INFO_DOC = "The registry's HTTP Basic credentials as <user>:<password>, sent with every request "
            + "(Authorization: Basic ...) when basic.auth.credentials.source=USER_INFO.";

    /** The TLS settings of {@code https} registry URLs, named as Confluent's converters name them. */
    public static final String SSL_PREFIX = "schema.registry.ssl.";
    public static final String TRUSTSTORE_LOCATION_CONFIG = SSL_PREFIX + "truststore.location";
    public static final String TRUSTSTORE_PASSWORD_CONFIG = SSL_PREFIX + "truststore.password";
    public static final String TRUSTSTORE_TYPE_CONFIG = SSL_PREFIX + "truststore.type";
    public static final String KEYSTORE_LOCATION_CONFIG = SSL_PREFIX + "keystore.location";
    public static final String KEYSTORE_PASSWORD_CONFIG = SSL_PREFIX + "keystore.password";
    public static final String KEYSTORE_TYPE_CONFIG = SSL_PREFIX + "keystore.type";
    public static final String KEY_PASSWORD_CONFIG = SSL_PREFIX + "key.password";
    static final String TRUSTSTORE_LOCATION_DOC = "The trust store file holding the certificates (or their CA) that the "
            + "registry's https URLs are trusted by; empty: the JVM's default trust.";
    static final String TRUSTSTORE_PASSWORD_DOC = "The trust store's password (may be empty for a PKCS12 store of certificates only).";
    static final String STORE_TYPE_DOC = "The %s store's format: JKS or PKCS12.";
    static final String KEYSTORE_LOCATION_DOC = "The key store file holding the client certificate and key to present to a "
            + "registry that asks for one (mutual TLS); empty: none.";
    static final String KEYSTORE_PASSWORD_DOC = "The key store's password.";
    static final String KEY_PASSWORD_DOC = "The password of the key in the key store; empty: the key store's password.";

    private static final String GROUP = "DDML";
    private static final String SECURITY_GROUP = "Schema registry security";
    private static final String REGISTRY_GROUP = "Schema registry";

    /**
     * Every key, documented, with defaults and validators; its {@code validate} also refuses settings that do not fit
     * together (ddml.format=avro without schema.registry.url, ...), so Connect's validate endpoint reports them.
     */
    public static final ConfigDef CONFIG_DEF = new CheckedConfigDef(configDef());

    /** @param props the converter's properties, including {@code converter.type} */
    public DdmlConverterConfig(Map<String, ?> props) {
        super(CONFIG_DEF, props);
        List<Problem> problems = problems(type(), format(), registryUrls(), useLatestVersion(), autoRegisterSchemas(),
                strategyName(true));
        problems.addAll(securityProblems(type(), getString(CREDENTIALS_SOURCE_CONFIG), getPassword(USER_INFO_CONFIG) != null,
                getString(KEYSTORE_LOCATION_CONFIG) != null, getPassword(KEYSTORE_PASSWORD_CONFIG) != null));
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new ConfigException(first.key(), first.value(), first.message());
        }
    }

    /** A setting that does not fit the others: the key to report it on, its value, and what to do. */
    private record Problem(String key, Object value, String message) {
    }

    /**
     * The settings that do not fit together; checked by the constructor (the task) and by {@link #CONFIG_DEF}'s
     * {@code validate} (Connect's validate endpoint, which calls {@code converter.config().validate(...)} with the
     * connector's {@code key.converter.*} or {@code value.converter.*} keys and {@code converter.type}).
     */
    private static List<Problem> problems(ConverterType type, DdmlFormat format, List<String> urls, boolean useLatestVersion,
                                          boolean autoRegister, String keyStrategy) {
        List<Problem> problems = new ArrayList<>();
        if (format == DdmlFormat.AVRO && type != ConverterType.HEADER && urls.isEmpty()) {
            problems.add(new Problem(REGISTRY_URL_CONFIG, "", "ddml.format=avro needs a schema registry: set "
                    + prefixed(type, REGISTRY_URL_CONFIG) + " to its URL, such as http://127.0.0.1:8081"));
        }
        if (useLatestVersion && autoRegister) {
            problems.add(new Problem(USE_LATEST_VERSION_CONFIG, true, "use.latest.version=true writes with an existing "
                    + "version, so it needs " + prefixed(type, AUTO_REGISTER_CONFIG) + "=false"));
        }
        if (type == ConverterType.KEY && format == DdmlFormat.AVRO
                && !(SubjectNameStrategy.named(keyStrategy) instanceof TopicNameStrategy)) {
            problems.add(new Problem(KEY_SUBJECT_NAME_STRATEGY_CONFIG, keyStrategy, "DDML keys in Avro are a map "
                    + "(SPEC.md section 9), which has no record name to build the subject from: set "
                    + prefixed(type, KEY_SUBJECT_NAME_STRATEGY_CONFIG) + "=topic"));
        }
        return problems;
    }

    /** The security settings that do not fit together. */
    private static List<Problem> securityProblems(ConverterType type, String source, boolean userInfo, boolean keystore,
                                                  boolean keystorePassword) {
        List<Problem> problems = new ArrayList<>();
        if ("USER_INFO".equalsIgnoreCase(source) && !userInfo) {
            problems.add(new Problem(USER_INFO_CONFIG, "", CREDENTIALS_SOURCE_CONFIG + "=USER_INFO takes the credentials from "
                    + prefixed(type, USER_INFO_CONFIG) + ": set it to <user>:<password>"));
        }
        if (keystore && !keystorePassword) {
            problems.add(new Problem(KEYSTORE_PASSWORD_CONFIG, "", prefixed(type, KEYSTORE_LOCATION_CONFIG) + " needs its password: set "
                    + prefixed(type, KEYSTORE_PASSWORD_CONFIG)));
        }
        return problems;
    }

    /** The key as a connector configuration spells it for a converter of this type, e.g. value.converter.x. */
    private static String prefixed(ConverterType type, String key) {
        if (type == null) {
            return key;
        }
        return switch (type) {
            case KEY -> "key.converter." + key;
            case VALUE -> "value.converter." + key;
            case HEADER -> "header.converter." + key;
        };
    }

    /**
     * The converter's ConfigDef, whose {@code validateAll} adds the cross-key {@link #problems} to the per-key checks,
     * on the key each concerns.
     */
    private static final class CheckedConfigDef extends ConfigDef {

        CheckedConfigDef(ConfigDef base) {
            super(base);
        }

        @Override
        public Map<String, ConfigValue> validateAll(Map<String, String> props) {
            Map<String, ConfigValue> values = super.validateAll(props);
            try {
                Object type = values.get(ConverterConfig.TYPE_CONFIG).value();
                List<Problem> problems = problems(
                        type == null ? null : ConverterType.withName(type.toString()),
                        DdmlFormat.of((String) values.get(FORMAT_CONFIG).value()),
                        listOf(values.get(REGISTRY_URL_CONFIG).value()),
                        Boolean.TRUE.equals(values.get(USE_LATEST_VERSION_CONFIG).value()),
                        Boolean.TRUE.equals(values.get(AUTO_REGISTER_CONFIG).value()),
                        (String) values.get(KEY_SUBJECT_NAME_STRATEGY_CONFIG).value());
                Object keystorePassword = values.get(KEYSTORE_PASSWORD_CONFIG).value();
                problems.addAll(securityProblems(type == null ? null : ConverterType.withName(type.toString()),
                        (String) values.get(CREDENTIALS_SOURCE_CONFIG).value(), values.get(USER_INFO_CONFIG).value() != null,
                        values.get(KEYSTORE_LOCATION_CONFIG).value() != null, keystorePassword != null));
                problems.forEach(p -> values.get(p.key()).addErrorMessage(p.message()));
            } catch (RuntimeException e) {
                // a value the per-key checks already refused (an unknown format or strategy): reported there
            }
            return values;
        }

        private static List<String> listOf(Object value) {
            List<String> out = new ArrayList<>();
            if (value instanceof List<?> list) {
                list.forEach(v -> out.add(String.valueOf(v)));
            }
            return out;
        }
    }

    private static ConfigDef configDef() {
        ConfigDef def = ConverterConfig.newConfigDef();
        int order = 0;
        def.define(FORMAT_CONFIG, Type.STRING, DdmlFormat.JSON.id(), new FormatValidator(), Importance.HIGH, FORMAT_DOC,
                GROUP, ++order, Width.SHORT, "DDML format");
        def.define(SCHEMAS_CACHE_SIZE_CONFIG, Type.INT, 1000, ConfigDef.Range.atLeast(1), Importance.LOW,
                SCHEMAS_CACHE_SIZE_DOC, GROUP, ++order, Width.SHORT, "Schema cache size");
        order = 0;
        def.define(REGISTRY_URL_CONFIG, Type.LIST, List.of(), new UrlListValidator(), Importance.HIGH, REGISTRY_URL_DOC,
                REGISTRY_GROUP, ++order, Width.LONG, "Schema registry URLs");
        def.define(KEY_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, "topic", new StrategyValidator(), Importance.MEDIUM,
                String.format(STRATEGY_DOC, "key", "key", " DDML keys are an Avro map, which has no record name: "
                        + "keys need 'topic'."), REGISTRY_GROUP, ++order, Width.MEDIUM, "Key subject name strategy");
        def.define(VALUE_SUBJECT_NAME_STRATEGY_CONFIG, Type.STRING, "topic", new StrategyValidator(), Importance.MEDIUM,
                String.format(STRATEGY_DOC, "value", "value", " The value's record is io.idaas.ddml.v1.DdmlEvent."),
                REGISTRY_GROUP, ++order, Width.MEDIUM, "Value subject name strategy");
        def.define(AUTO_REGISTER_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, AUTO_REGISTER_DOC, REGISTRY_GROUP, ++order,
                Width.SHORT, "Auto-register schemas");
        def.define(USE_LATEST_VERSION_CONFIG, Type.BOOLEAN, false, Importance.LOW, USE_LATEST_VERSION_DOC, REGISTRY_GROUP,
                ++order, Width.SHORT, "Use latest version");
        order = 0;
        def.define(CREDENTIALS_SOURCE_CONFIG, Type.STRING, "URL", ConfigDef.CaseInsensitiveValidString.in("USER_INFO", "URL"),
                Importance.MEDIUM, CREDENTIALS_SOURCE_DOC, SECURITY_GROUP, ++order, Width.SHORT, "Basic auth credentials source");
        def.define(USER_INFO_CONFIG, Type.PASSWORD, null, new UserInfoValidator(), Importance.MEDIUM, USER_INFO_DOC,
                SECURITY_GROUP, ++order, Width.MEDIUM, "Basic auth user info");
        def.define(TRUSTSTORE_LOCATION_CONFIG, Type.STRING, null, new StoreFileValidator(), Importance.MEDIUM,
                TRUSTSTORE_LOCATION_DOC, SECURITY_GROUP, ++order, Width.LONG, "Trust store location");
        def.define(TRUSTSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, TRUSTSTORE_PASSWORD_DOC,
                SECURITY_GROUP, ++order, Width.MEDIUM, "Trust store password");
        def.define(TRUSTSTORE_TYPE_CONFIG, Type.STRING, "JKS", ConfigDef.CaseInsensitiveValidString.in("JKS", "PKCS12"),
                Importance.LOW, String.format(STORE_TYPE_DOC, "trust"), SECURITY_GROUP, ++order, Width.SHORT, "Trust store type");
        def.define(KEYSTORE_LOCATION_CONFIG, Type.STRING, null, new StoreFileValidator(), Importance.MEDIUM,
                KEYSTORE_LOCATION_DOC, SECURITY_GROUP, ++order, Width.LONG, "Key store location");
        def.define(KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.MEDIUM, KEYSTORE_PASSWORD_DOC,
                SECURITY_GROUP, ++order, Width.MEDIUM, "Key store password");
        def.define(KEYSTORE_TYPE_CONFIG, Type.STRING, "JKS", ConfigDef.CaseInsensitiveValidString.in("JKS", "PKCS12"),
                Importance.LOW, String.format(STORE_TYPE_DOC, "key"), SECURITY_GROUP, ++order, Width.SHORT, "Key store type");
        def.define(KEY_PASSWORD_CONFIG, Type.PASSWORD, null, Importance.LOW, KEY_PASSWORD_DOC, SECURITY_GROUP, ++order,
                Width.MEDIUM, "Key password");
        return def;
    }

    /** How DDML is encoded. */
    public DdmlFormat format() {
        return DdmlFormat.of(getString(FORMAT_CONFIG));
    }

    /** The registry URLs, in order of preference; empty when none is set. */
    public List<String> registryUrls() {
        return getList(REGISTRY_URL_CONFIG);
    }

    /** The strategy naming the subject of keys ({@code isKey}) or values. */
    public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
        return SubjectNameStrategy.named(getString(isKey ? KEY_SUBJECT_NAME_STRATEGY_CONFIG : VALUE_SUBJECT_NAME_STRATEGY_CONFIG));
    }

    /** The name of the key's strategy as configured. */
    String strategyName(boolean isKey) {
        return getString(isKey ? KEY_SUBJECT_NAME_STRATEGY_CONFIG : VALUE_SUBJECT_NAME_STRATEGY_CONFIG);
    }

    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_CONFIG);
    }

    public boolean useLatestVersion() {
        return getBoolean(USE_LATEST_VERSION_CONFIG);
    }

    public int schemasCacheSize() {
        return getInt(SCHEMAS_CACHE_SIZE_CONFIG);
    }

    /**
     * A client per registry URL, with the configured credentials (a URL's user info is taken out of the URL and, with
     * {@code basic.auth.credentials.source=URL}, sent as its credentials) and TLS context.
     */
    public List<io.idaas.registry.SchemaRegistryClient> registryClients() {
        javax.net.ssl.SSLContext ssl = sslContext();
        List<io.idaas.registry.SchemaRegistryClient> clients = new ArrayList<>();
        boolean fromUrl = getString(CREDENTIALS_SOURCE_CONFIG).equalsIgnoreCase("URL");
        for (String url : registryUrls()) {
            URI uri = URI.create(url);
            String userInfo = fromUrl ? uri.getRawUserInfo() : userInfo();
            if (fromUrl && userInfo != null) {
                userInfo = java.net.URLDecoder.decode(userInfo, java.nio.charset.StandardCharsets.UTF_8);
            }
            String base = uri.getRawUserInfo() == null ? url : url.replace(uri.getRawUserInfo() + "@", "");
            clients.add(new io.idaas.registry.SchemaRegistryClient(base, io.idaas.registry.SchemaRegistryClient.defaultTimeout(), userInfo, ssl));
        }
        return clients;
    }

    /** {@code basic.auth.user.info}, or {@code null}. */
    String userInfo() {
        org.apache.kafka.common.config.types.Password p = getPassword(USER_INFO_CONFIG);
        return p == null ? null : p.value();
    }

    /**
     * The TLS context built from the trust and key stores; {@code null} when neither is set (the JVM's default).
     *
     * @throws ConfigException naming the store and what is wrong with it (not a store of its type, wrong password)
     */
    public javax.net.ssl.SSLContext sslContext() {
        String trustLocation = getString(TRUSTSTORE_LOCATION_CONFIG);
        String keyLocation = getString(KEYSTORE_LOCATION_CONFIG);
        if (trustLocation == null && keyLocation == null) {
            return null;
        }
        try {
            javax.net.ssl.TrustManager[] trust = null;
            if (trustLocation != null) {
                java.security.KeyStore store = load(TRUSTSTORE_LOCATION_CONFIG, trustLocation, getString(TRUSTSTORE_TYPE_CONFIG),
                        getPassword(TRUSTSTORE_PASSWORD_CONFIG), TRUSTSTORE_PASSWORD_CONFIG);
                javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                trust = tmf.getTrustManagers();
            }
            javax.net.ssl.KeyManager[] keys = null;
            if (keyLocation != null) {
                org.apache.kafka.common.config.types.Password storePassword = getPassword(KEYSTORE_PASSWORD_CONFIG);
                java.security.KeyStore store = load(KEYSTORE_LOCATION_CONFIG, keyLocation, getString(KEYSTORE_TYPE_CONFIG),
                        storePassword, KEYSTORE_PASSWORD_CONFIG);
                org.apache.kafka.common.config.types.Password keyPassword = getPassword(KEY_PASSWORD_CONFIG);
                char[] key = (keyPassword != null ? keyPassword : storePassword).value().toCharArray();
                javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
                try {
                    kmf.init(store, key);
                } catch (java.security.UnrecoverableKeyException e) {
                    throw new ConfigException(KEY_PASSWORD_CONFIG, "[hidden]", "the key in " + keyLocation + " cannot be read with "
                            + (keyPassword != null ? KEY_PASSWORD_CONFIG : KEYSTORE_PASSWORD_CONFIG) + " (" + e.getMessage()
                            + "); set " + KEY_PASSWORD_CONFIG + " to the key's password");
                }
                keys = kmf.getKeyManagers();
            }
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new ConfigException(SSL_PREFIX + "*", "", "the schema registry's TLS context cannot be built: " + e);
        }
    }

    private static java.security.KeyStore load(String key, String location, String type,
                                               org.apache.kafka.common.config.types.Password password, String passwordKey) {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(location))) {
            java.security.KeyStore store = java.security.KeyStore.getInstance(type.toUpperCase(Locale.ROOT));
            store.load(in, password == null ? null : password.value().toCharArray());
            return store;
        } catch (java.io.IOException e) {
            boolean wrongPassword = e.getCause() instanceof java.security.UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("password");
            throw new ConfigException(key, location, wrongPassword
                    ? "the " + type + " store cannot be opened with " + passwordKey + " (" + e.getMessage() + "): check the password"
                    : "cannot read it as a " + type + " store (" + e.getMessage() + "): check the file and the store's type");
        } catch (java.security.GeneralSecurityException e) {
            throw new ConfigException(key, location, "cannot read it as a " + type + " store (" + e + ")");
        }
    }

    private static final class UserInfoValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !((org.apache.kafka.common.config.types.Password) value).value().contains(":")) {
                throw new ConfigException(name, value, "give the registry's credentials as <user>:<password>");
            }
        }

        @Override
        public String toString() {
            return "<user>:<password>";
        }
    }

    private static final class StoreFileValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && !java.nio.file.Files.isReadable(java.nio.file.Path.of((String) value))) {
                throw new ConfigException(name, value, "there is no readable file at this path: give the store file's path on "
                        + "the Connect worker's machine");
            }
        }

        @Override
        public String toString() {
            return "a readable file";
        }
    }

    private static final class FormatValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                DdmlFormat.of((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "json, avro";
        }
    }

    private static final class StrategyValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                SubjectNameStrategy.named((String) value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "topic, record, topic-record, or Confluent's class names";
        }
    }

    private static final class UrlListValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            for (Object item : (List<?>) value) {
                String url = String.valueOf(item);
                try {
                    URI uri = new URI(url);
                    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                        throw new ConfigException(name, value, "'" + url + "' is not an http(s) URL with a host, such as http://127.0.0.1:8081");
                    }
                } catch (URISyntaxException e) {
                    throw new ConfigException(name, value, "'" + url + "' is not a URL: " + e.getMessage());
                }
            }
        }

        @Override
        public String toString() {
            return "comma-separated http(s) URLs";
        }
    }
}
