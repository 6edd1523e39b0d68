package io.idaas.transforms.ddml.process.filter;

import io.idaas.ddml.Column;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.process.filter.Condition.Literal;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A {@link Condition} typed for one table schema ({@link Condition#bind}): each literal converted once to a value
 * comparable with its column's values. {@link #test} answers TRUE, FALSE or null (SQL's unknown).
 */
@FunctionalInterface
public interface BoundCondition {

    /** TRUE, FALSE, or null when unknown (a comparison with NULL). */
    Boolean test(Row row);
}
