package io.idaas.transforms.ddml.process.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.idaas.ddml.Column;
import io.idaas.ddml.Row;
import io.idaas.ddml.TableSchema;
import io.idaas.ddml.types.PortableType;
import io.idaas.transforms.ddml.process.filter.Condition.Compare;
import io.idaas.transforms.ddml.process.filter.Condition.Junction;
import io.idaas.transforms.ddml.process.filter.Condition.Not;
import io.idaas.transforms.ddml.process.filter.Condition.Numeric;
import io.idaas.transforms.ddml.process.filter.Condition.Op;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The condition language: precedence, literals, quoting, and errors that name their position. */
class ConditionParserTest {

    private static final TableSchema ABC = TableSchema.of(List.of(Column.of("a", PortableType.INT32),
        Column.of("b", PortableType.INT32), Column.of("c", PortableType.INT32), Column.of("my col", PortableType.STRING)),
        List.of());

    private static Compare eq(String column, int value) {
        return new Compare(column, Op.EQ, new Numeric(BigDecimal.valueOf(value)));
    }

    private static Boolean test(String condition, Row row) {
        return ConditionParser.parse(condition).bind(ABC, false).test(row);
    }

    @Test
    void andBindsTighterThanOrAndNotTighterThanAnd() {
        assertThat(ConditionParser.parse("a = 1 OR b = 2 AND c = 3"))
            .isEqualTo(new Junction(false, eq("a", 1), new Junction(true, eq("b", 2), eq("c", 3))));
        assertThat(ConditionParser.parse("NOT a = 1 AND b = 2"))
            .isEqualTo(new Junction(true, new Not(eq("a", 1)), eq("b", 2)));
        assertThat(ConditionParser.parse("(a = 1 OR b = 2) and c = 3"))
            .isEqualTo(new Junction(true, new Junction(false, eq("a", 1), eq("b", 2)), eq("c", 3)));
        Row row = Row.of("a", 1, "b", 0, "c", 0);
        assertThat(test("a = 1 OR b = 2 AND c = 3", row)).isTrue();
        assertThat(test("(a = 1 OR b = 2) AND c = 3", row)).isFalse();
    }

    @Test
    void unknownFollowsSqlThroughAndOrAndNot() {
        Row nullA = Row.of("a", null, "b", 1, "c", 0);
        assertThat(test("a = 1", nullA)).isNull();
        assertThat(test("a = 1 OR b = 1", nullA)).isTrue();
        assertThat(test("a = 1 AND b = 1", nullA)).isNull();
        assertThat(test("a = 1 AND b = 2", nullA)).isFalse();
        assertThat(test("NOT a = 1", nullA)).isNull();
        assertThat(test("a IN (1, 2)", nullA)).isNull();
        assertThat(test("a IS NULL", nullA)).isTrue();
    }

    @Test
    void literalsAndQuotedNames() {
        Row row = Row.of("a", -5, "b", 1000, "c", 0, "my col", "it's");
        assertThat(test("a = -5 AND b = 1e3 AND c <> 0.5", row)).isTrue();
        assertThat(test("\"my col\" = 'it''s' AND `my col` != 'its'", row)).isTrue();
        assertThat(test("a <= -5 and b >= 1000 and c < 1 and c > -1", row)).isTrue();
    }

    @Test
    void likeMatchesTheWholeTextWithPercentUnderscoreAndEscapes() {
        Row row = Row.of("a", 1, "b", 1, "c", 1, "my col", "50% off_now\nend");
        assertThat(test("`my col` LIKE '50%'", row)).isTrue();
        assertThat(test("`my col` LIKE '%off%end'", row)).isTrue(); // % spans a line break
        assertThat(test("`my col` LIKE '50\\% off\\_now%'", row)).isTrue();
        assertThat(test("`my col` LIKE '5_% off'", row)).isFalse(); // the whole text must match
        assertThat(test("`my col` NOT LIKE 'x%'", row)).isTrue();
        assertThat(test("`my col` LIKE '.*'", row)).isFalse(); // regex characters are themselves
        assertThat(test("`my col` LIKE 'x%'", Row.of("my col", null))).isNull();
        assertThatThrownBy(() -> ConditionParser.parse("a LIKE 5")).hasMessageContaining("expected a 'quoted pattern' after LIKE");
        assertThatThrownBy(() -> test("a LIKE '1%'", row)).hasMessageContaining("LIKE takes text columns");
    }

    @Test
    void errorsNameThePositionWhatWasExpectedAndTheFix() {
        assertThatThrownBy(() -> ConditionParser.parse("a = 1 && b = 2")).hasMessageContaining("at position 7")
            .hasMessageContaining("unexpected character '&'");
        assertThatThrownBy(() -> ConditionParser.parse("a == 1")).hasMessageContaining("at position 3")
            .hasMessageContaining("'==' is not an operator: write =");
        assertThatThrownBy(() -> ConditionParser.parse("'x' = a")).hasMessageContaining("at position 1")
            .hasMessageContaining("a column goes on the left");
        assertThatThrownBy(() -> ConditionParser.parse("a NOT = 1")).hasMessageContaining("expected IN or LIKE after a NOT")
            .hasMessageContaining("NOT (a = ...)");
        assertThatThrownBy(() -> ConditionParser.parse("a IN (1, 2")).hasMessageContaining("at the end")
            .hasMessageContaining("',' or ')' in the IN list");
        assertThatThrownBy(() -> ConditionParser.parse("and = 1")).hasMessageContaining("quote a column named like a keyword");
        assertThatThrownBy(() -> ConditionParser.parse("   ")).hasMessageContaining("the condition is empty");
        assertThatThrownBy(() -> ConditionParser.parse("a IS 1")).hasMessageContaining("expected NULL after IS");
        assertThatThrownBy(() -> ConditionParser.parse("a = 1)")).hasMessageContaining("a ')' without its '('");
    }
}
