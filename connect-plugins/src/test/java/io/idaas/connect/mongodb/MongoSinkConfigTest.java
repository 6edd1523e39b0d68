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
    void mergeEntriesNameTheChildTableParentArrayAndKey() {
        MongoSinkConfig c = new MongoSinkConfig(Map.of("mongodb.connection.uri", "mongodb://h:27017",
            "mongodb.database", "shop", "mongodb.merge.arrays",
            "order_items:orders:items:order_id, lines : invoices : lines : shop=shop_id+inv=invoice_id"));
        assertThat(c.merges()).containsOnlyKeys("order_items", "lines");
        assertThat(c.merges().get("order_items")).isEqualTo(
            new MergeSpec("order_items", "orders", "items", java.util.List.of("order_id"), java.util.List.of()));
        assertThat(c.merges().get("lines")).isEqualTo(new MergeSpec("lines", "invoices", "lines",
            java.util.List.of("shop", "inv"), java.util.List.of("shop_id", "invoice_id")));
        assertThat(new MongoSinkConfig(REQUIRED).merges()).isEmpty();
    }

    @Test
    void refusesBadMergeEntriesNamingTheKeyAndTheFix() {
        Map<String, String> bad = Map.of(
            "order_items:orders:items", "not 4",
            "order_items:orders::order_id", "part 3 is empty",
            "order_items:system.x:items:order_id", "starts with 'system.'",
            "order_items:orders:$items:order_id", "array field",
            "order_items:orders:items:a+b", "needs the _id field of each key column",
            "order_items:orders:items:a=x=y", "is not <child column>",
            "a:orders:items:k,a:orders:other:k", "named twice",
            "a:orders:items:k,b:orders:items:k", "give each its own array field");
        bad.forEach((value, reason) -> {
            assertThatThrownBy(() -> new MongoSinkConfig(Map.of("mongodb.connection.uri", "mongodb://h", "mongodb.database",
                "x", "mongodb.merge.arrays", value))).as(value)
                .isInstanceOf(ConfigException.class).hasMessageContaining("mongodb.merge.arrays").hasMessageContaining(reason);
            var validated = MongoSinkConfig.CONFIG_DEF.validate(Map.of("mongodb.connection.uri", "mongodb://h",
                "mongodb.database", "x", "mongodb.merge.arrays", value));
            assertThat(validated.stream().filter(v -> v.name().equals("mongodb.merge.arrays")).findFirst().orElseThrow()
                .errorMessages()).as(value).anySatisfy(m -> assertThat(m).contains(reason));
        });
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
