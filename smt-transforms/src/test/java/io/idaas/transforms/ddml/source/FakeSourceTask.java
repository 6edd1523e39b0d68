package io.idaas.transforms.ddml.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** A delegate task for tests: polls what the test queued, records what was committed. */
public class FakeSourceTask extends SourceTask {

    final List<List<SourceRecord>> batches = new ArrayList<>();
    final List<SourceRecord> committed = new ArrayList<>();
    int commits;
    boolean stopped;

    @Override
    public void start(Map<String, String> props) {
    }

    @Override
    public List<SourceRecord> poll() {
        return batches.isEmpty() ? null : batches.remove(0);
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) {
        committed.add(record);
    }

    @Override
    public void commit() {
        commits++;
    }

    @Override
    public void stop() {
        stopped = true;
    }

    @Override
    public String version() {
        return "1.0";
    }
}
