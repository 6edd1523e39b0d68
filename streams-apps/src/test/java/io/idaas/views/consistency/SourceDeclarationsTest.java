package io.idaas.views.consistency;

import io.idaas.ddml.consistency.SourceLog;
import io.idaas.views.declaration.ViewDeclarationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceDeclarationsTest {

    @Test
    void readsASourceWithItsDefaults() {
        List<SourceDeclaration> sources = SourceDeclarations.parse("""
                views: []
                sources:
                  - name: shop
                    system: mariadb
                    jdbc_url: jdbc:mariadb://db:3306/inventory
                    user: idaas
                    password_env: SHOP_PASSWORD
                    heartbeat_topic: shop.inventory.idaas_heartbeat
                """, "test", Map.of("SHOP_PASSWORD", "secret")::get);
        assertThat(sources).containsExactly(new SourceDeclaration("shop", SourceLog.MARIADB, "jdbc:mariadb://db:3306/inventory",
                "idaas", "secret", "idaas_heartbeat", "shop.inventory.idaas_heartbeat", Duration.ofSeconds(1)));
    }

    @Test
    void aFileWithoutSourcesDeclaresNone() {
        assertThat(SourceDeclarations.parse("views: [{name: a, kind: table, topic: t}]", "test", k -> null)).isEmpty();
    }

    @Test
    void everyProblemIsNamedWithItsFix() {
        assertThatThrownBy(() -> SourceDeclarations.parse("""
                sources:
                  - name: shop
                    system: oracle
                    jdbc_url: db:3306
                    password_env: NOT_SET
                    heartbeat_interval_ms: 5
                    colour: blue
                """, "views.yaml", k -> null))
                .isInstanceOf(ViewDeclarationException.class)
                .satisfies(e -> assertThat(((ViewDeclarationException) e).problems()).containsExactlyInAnyOrder(
                        "source 'shop': unknown field 'colour'; the fields are [heartbeat_interval_ms, heartbeat_table, "
                                + "heartbeat_topic, jdbc_url, name, password, password_env, system, user]",
                        "source 'shop': field 'system': system 'oracle' gives no consistency tokens; use mariadb, mysql or postgresql",
                        "source 'shop': field 'jdbc_url' 'db:3306' is not a JDBC URL; give the source database's URL, e.g. "
                                + "jdbc:mariadb://host:3306/db or jdbc:postgresql://host:5432/db",
                        "source 'shop': field 'password_env' names NOT_SET, which is not set; export it",
                        "source 'shop': field 'heartbeat_topic' is missing; name the DDML topic the source connector writes the "
                                + "heartbeat table's changes to, e.g. <topic.prefix>.<database>.idaas_heartbeat",
                        "source 'shop': field 'heartbeat_interval_ms' is 5; give milliseconds from 10 to 3600000"));
    }
}
