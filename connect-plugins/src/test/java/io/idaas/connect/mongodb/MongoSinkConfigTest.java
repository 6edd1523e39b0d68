package io.idaas.connect.mongodb;

import io.idaas.connect.sink.DdlPolicy;
import io.idaas.ddml.TableRef;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoSinkConfigTest {

    private static final Map<String, String> REQUIRED = Map.of("mongodb.connection.uri", "mongodb://h:27017",
        "mongodb.database", "shop");

    @Test
    void everyKeyIsDocumentedAndGrouped() {
        for (ConfigDef.ConfigKey key : MongoSinkConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
        }
        assertThat(MongoSinkConfig.CONFIG_DEF.configKeys().get("mongodb.connection.uri").type)
            .as("it may hold credentials").isEqualTo(ConfigDef.Type.PASSWORD);
    }

    @Test
    void defaults() {
        MongoSinkConfig c = new MongoSinkConfig(REQUIRED);
        assertThat(c.connectionUri()).isEqualTo("mongodb://h:27017");
        assertThat(c.collection(new TableRef("inventory", null, "orders"))).isEqualTo("orders");
        assertThat(c.writeMode()).isEqualTo(MongoSinkConfig.WriteMode.REPLACE);
        assertThat(c.keyIndex()).isFalse();
        assertThat(c.tombstoneTtlSeconds()).isEqualTo(604_800L);
        assertThat(c.batchSize()).isEqualTo(500);
        assertThat(c.dropTable()).isEqualTo(DdlPolicy.APPLY);
        assertThat(c.renameTable()).isEqualTo(DdlPolicy.APPLY);
        assertThat(c.dropColumn()).isEqualTo(DdlPolicy.APPLY);
        assertThat(c.renameColumn()).isEqualTo(DdlPolicy.APPLY);
        assertThat(c.applyTruncate()).isTrue();
        assertThat(c.appliedKafka()).isEmpty();
    }

    @Test
    void theTemplateNamesTheCollection() {
        MongoSinkConfig c = new MongoSinkConfig(Map.of("mongodb.connection.uri", "mongodb://h:27017",
            "mongodb.database", "shop", "mongodb.collection.template", "{database}_{schema}_{table}",
            "mongodb.write.mode", "SET"));
        assertThat(c.collection(new TableRef("shop", "public", "orders"))).isEqualTo("shop_public_orders");
        assertThat(c.collection(new TableRef(null, null, "customer_360"))).isEqualTo("__customer_360");
        assertThat(c.writeMode()).isEqualTo(MongoSinkConfig.WriteMode.SET);
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        assertThatThrownBy(() -> new MongoSinkConfig(Map.of("mongodb.connection.uri", "http://h", "mongodb.database", "x")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("mongodb.connection.uri")
            .hasMessageContaining("not a MongoDB connection string").hasMessageNotContaining("http://h");
        assertThatThrownBy(() -> new MongoSinkConfig(Map.of("mongodb.connection.uri", "mongodb://h", "mongodb.database", "a b")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("mongodb.database");
        assertThatThrownBy(() -> new MongoSinkConfig(Map.of("mongodb.connection.uri", "mongodb://h", "mongodb.database", "x",
            "mongodb.collection.template", "{db}.{table}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("unknown placeholder");
        assertThatThrownBy(() -> new MongoSinkConfig(Map.of("mongodb.connection.uri", "mongodb://h", "mongodb.database", "x",
            "mongodb.write.mode", "merge")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("mongodb.write.mode");
        assertThatThrownBy(() -> new MongoSinkConfig(Map.of("mongodb.connection.uri", "mongodb://h", "mongodb.database", "x",
            "ddl.truncate", "fail")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("ddl.truncate");
    }

    @Test
    void namesCollectionNamesMongoDbRefuses() {
        assertThat(MongoSinkConfig.refusedCollectionName("orders")).isNull();
        assertThat(MongoSinkConfig.refusedCollectionName("Bestellung mit Leerzeichen ü")).isNull();
        assertThat(MongoSinkConfig.refusedCollectionName("a$b")).contains("'$'");
        assertThat(MongoSinkConfig.refusedCollectionName("system.views")).contains("system.");
        assertThat(MongoSinkConfig.refusedCollectionName("_idaas_offsets")).contains("_idaas");
        assertThat(MongoSinkConfig.refusedCollectionName("")).contains("empty");
    }

    @Test
    void redactsThePasswordOfAConnectionString() {
        assertThat(MongoConnections.redact("mongodb://sink:s3cret@docs:27017/?authSource=admin"))
            .isEqualTo("mongodb://sink:****@docs:27017/?authSource=admin");
    }
}
