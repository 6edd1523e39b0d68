package io.idaas.views;

import io.idaas.views.declaration.ViewDeclaration;
import io.idaas.views.declaration.ViewKind;
import io.idaas.views.serde.JsonSerde;
import io.idaas.views.serde.ViewRowSerde;
import io.idaas.views.table.TableViewProcessor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import java.util.List;

/** The Kafka Streams topology of a set of views: per view, a source, its processor and its stores. */
public final class ViewTopology {

    private ViewTopology() {
    }

    /** The state store holding view {@code name}'s rows by key. */
    public static String storeName(String view) {
        return "view-" + view;
    }

    /** The state store holding, per partition, the newest source position view {@code name} applied. */
    public static String positionsStoreName(String view) {
        return "view-" + view + "-positions";
    }

    public static Topology build(List<ViewDeclaration> views) {
        Topology topology = new Topology();
        // Kafka Streams takes each topic in one source node only: views of the same topic share it.
        java.util.Map<String, String> sources = new java.util.HashMap<>();
        for (ViewDeclaration view : views) {
            if (view.kind() != ViewKind.TABLE) {
                throw new IllegalArgumentException("view '" + view.name() + "': kind " + view.kind().id() + " is not built yet");
            }
            String source = sources.get(view.topic());
            if (source == null) {
                source = "source-" + sources.size();
                sources.put(view.topic(), source);
                topology.addSource(source, Serdes.ByteArray().deserializer(), new JsonSerde().deserializer(), view.topic());
            }
            String processor = "table-" + view.name();
            topology.addProcessor(processor, () -> new TableViewProcessor(view, storeName(view.name()),
                    positionsStoreName(view.name())), source);
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName(view.name())),
                    Serdes.String(), new ViewRowSerde()), processor);
            topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(positionsStoreName(view.name())),
                    Serdes.Integer(), Serdes.String()), processor);
        }
        return topology;
    }
}
