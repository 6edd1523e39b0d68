package io.idaas.connect.mongodb;

import io.idaas.ddml.DdmlEvent;

import java.util.List;

/**
 * How one table's row changes become MongoDB writes: the seam for write strategies per table. {@link RowDocuments} (a
 * row is one document of the table's collection) is the only one now; a master-detail merge (a child table's rows as an
 * array inside the parent's document) would be another, chosen per table by the task.
 */
interface TableWrites {

    /**
     * The writes of one DML event (insert, read, update, delete; not truncate), in order, all checked and encoded.
     *
     * @throws IllegalArgumentException with the reason, when the change cannot be written; nothing is written then
     */
    List<MongoBatch.Op> writes(DdmlEvent event, String collection);
}
