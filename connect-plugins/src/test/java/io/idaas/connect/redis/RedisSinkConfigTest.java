package io.idaas.connect.redis;

import io.idaas.connect.sink.DdlPolicy;
import io.idaas.ddml.TableRef;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisSinkConfigTest {

    private static final TableRef ORDERS = new TableRef("inventory", null, "orders");
    private static final TableRef PG_ORDERS = new TableRef("shop", "public", "orders");

    @Test
    void everyKeyIsDocumentedAndGrouped() {
        for (ConfigDef.ConfigKey key : RedisSinkConfig.CONFIG_DEF.configKeys().values()) {
            assertThat(key.documentation).as(key.name).isNotBlank();
            assertThat(key.group).as(key.name).isNotBlank();
            assertThat(key.displayName).as(key.name).isNotBlank();
        }
    }

    @Test
    void defaults() {
        RedisSinkConfig c = new RedisSinkConfig(Map.of("redis.uri", "redis://h:6379"));
        assertThat(c.prefix()).isEqualTo("idaas");
        assertThat(c.json(ORDERS)).isFalse();
        assertThat(c.keyTemplate(ORDERS)).isNull();
        assertThat(c.alterPolicy()).isEqualTo(DdlPolicy.APPLY);
        assertThat(c.dropPolicy()).isEqualTo(DdlPolicy.APPLY);
        assertThat(c.batchSize()).isEqualTo(500);
        assertThat(c.tombstoneTtlSeconds()).isEqualTo(604_800L);
        assertThat(c.ttlSeconds(ORDERS)).isNull();
        assertThat(c.indexedColumns(ORDERS)).isEmpty();
    }

    @Test
    void perTableEntriesMatchTheMostSpecificName() {
        RedisSinkConfig c = new RedisSinkConfig(Map.of("redis.uri", "redis://h:6379",
            "redis.type.tables", "*:json, inventory.orders:hash",
            "redis.key.template", "orders:shop:orders:{id}",
            "redis.index.columns", "orders.customer_id,shop.public.orders.status",
            "redis.field.rename", "orders.note:remark",
            "redis.ttl.seconds", "*:60,orders:3600"));
        assertThat(c.json(ORDERS)).isFalse();
        assertThat(c.json(PG_ORDERS)).isTrue();
        assertThat(c.json(new TableRef(null, null, "customer_360"))).isTrue();
        assertThat(c.keyTemplate(PG_ORDERS).columns()).containsExactly("id");
        assertThat(c.indexedColumns(ORDERS)).containsExactly("customer_id");
        assertThat(c.indexedColumns(PG_ORDERS)).containsExactly("status");
        assertThat(c.renamedFields(ORDERS)).containsEntry("note", "remark");
        assertThat(c.ttlSeconds(ORDERS)).isEqualTo(3600L);
        assertThat(c.ttlSeconds(new TableRef("x", null, "y"))).isEqualTo(60L);
    }

    @Test
    void aKeyTemplateRendersKeyColumnsAndTheTable() {
        KeyTemplate t = KeyTemplate.parse("cache:${table}:{region}/{id}");
        assertThat(t.columns()).containsExactly("region", "id");
        byte[] key = t.render("shop.orders", Map.of("region", "eu".getBytes(StandardCharsets.UTF_8),
            "id", "7".getBytes(StandardCharsets.UTF_8)));
        assertThat(new String(key, StandardCharsets.UTF_8)).isEqualTo("cache:shop.orders:eu/7");
    }

    @Test
    void anIndexSetNameTemplateGivesTheStartOfItsSetsNames() {
        RedisSinkConfig c = new RedisSinkConfig(Map.of("redis.uri", "redis://h:6379",
            "redis.index.columns", "orders.customer_id,orders.status",
            "redis.index.name.template", "orders.customer_id:shop:orders:by_customer:{customer_id},orders.status:st:{value}"));
        assertThat(c.indexSetNameStart(ORDERS, "customer_id")).isEqualTo("shop:orders:by_customer:");
        assertThat(c.indexSetNameStart(ORDERS, "status")).isEqualTo("st:");
        assertThat(c.indexSetNameStart(ORDERS, "note")).isNull();

        assertThatThrownBy(() -> new RedisSinkConfig(Map.of("redis.uri", "redis://h:6379",
            "redis.index.name.template", "orders.customer_id:by_customer:{customer_id}")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("redis.index.name.template")
            .hasMessageContaining("add orders.customer_id to redis.index.columns");
        assertThatThrownBy(() -> RedisSinkConfig.parseIndexNames("orders.customer_id:by_customer:{id}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ending with {customer_id}");
        assertThatThrownBy(() -> RedisSinkConfig.parseIndexNames("orders.customer_id:{customer_id}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("some text ending with");
        assertThatThrownBy(() -> RedisSinkConfig.parseIndexNames("orders.customer_id:{x}:{customer_id}"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no other {...}");
    }

    @Test
    void refusesBadValuesNamingTheKeyAndTheFix() {
        assertThatThrownBy(() -> new RedisSinkConfig(Map.of("redis.uri", "http://h:6379")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("redis.uri").hasMessageContaining("redis://");
        assertThatThrownBy(() -> new RedisSinkConfig(Map.of("redis.uri", "redis:///0")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("redis.uri").hasMessageContaining("no host");
        assertThatThrownBy(() -> new RedisSinkConfig(Map.of("redis.uri", "redis://h:6379", "redis.type.tables", "orders:xml")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("redis.type.tables").hasMessageContaining("neither hash nor json");
        assertThatThrownBy(() -> new RedisSinkConfig(Map.of("redis.uri", "redis://h:6379", "redis.key.template", "orders:static")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("redis.key.template").hasMessageContaining("names no key column");
        assertThatThrownBy(() -> new RedisSinkConfig(Map.of("redis.uri", "redis://h:6379", "redis.index.columns", "orders")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("redis.index.columns").hasMessageContaining("<table>.<column>");
        assertThatThrownBy(() -> new RedisSinkConfig(Map.of("redis.uri", "redis://h:6379", "redis.ttl.seconds", "orders:-5")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("redis.ttl.seconds").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new RedisSinkConfig(Map.of("redis.uri", "redis://h:6379", "redis.prefix", "my prefix")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("redis.prefix");
        assertThatThrownBy(() -> new RedisSinkConfig(Map.of("redis.uri", "redis://u:secret@h:6379", "redis.password", "x")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("redis.password").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> new RedisSinkConfig(Map.of("redis.uri", "redis://h:6379", "ddl.drop", "maybe")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("ddl.drop");
    }

    @Test
    void messagesHideAPasswordInTheUri() {
        assertThat(RedisConnections.redact("redis://app:secret@h:6379/0")).isEqualTo("redis://app:****@h:6379/0");
        assertThat(RedisConnections.redact("redis://h:6379")).isEqualTo("redis://h:6379");
    }
}
