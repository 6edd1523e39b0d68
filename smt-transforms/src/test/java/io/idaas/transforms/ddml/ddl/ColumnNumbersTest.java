package io.idaas.transforms.ddml.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.idaas.transforms.ddml.ddl.CatalogTable.CatalogColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Column numbers told from a catalog read later than the event, with hand-made catalogs. */
class ColumnNumbersTest {

    /** A catalog: each entry a live column's name, "-" for a dropped number, "=name" for a generated column. */
    static CatalogTable catalog(String... columns) {
        List<CatalogColumn> out = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            String c = columns[i];
            out.add(c.equals("-") ? new CatalogColumn(i + 1, "........pg.dropped." + (i + 1) + "........", true, false, null)
                : c.startsWith("=") ? new CatalogColumn(i + 1, c.substring(1), false, true, null)
                : new CatalogColumn(i + 1, c, false, false, null));
        }
        return new CatalogTable(16384, out);
    }

    private static Map<String, Integer> assign(List<String> names, CatalogTable table) {
        return ColumnNumbers.assign(names, table, Set.of(), true);
    }

    @Test
    void namesThatAgreeWithTheCatalogAreItsColumns() {
        assertThat(assign(List.of("id", "a", "c"), catalog("id", "a", "c")))
            .containsExactly(entry("id", 1), entry("a", 2), entry("c", 3));
        // a column dropped long ago, and a generated one (not in the log), are skipped
        assertThat(assign(List.of("id", "c", "d"), catalog("id", "-", "c", "=g", "d")))
            .containsExactly(entry("id", 1), entry("c", 3), entry("d", 5));
    }

    @Test
    void aColumnRenamedAfterTheEventIsFoundByItsPosition() {
        // the event still shows a; the catalog already b
        assertThat(assign(List.of("id", "a", "c"), catalog("id", "b", "c"))).containsEntry("a", 2);
        // renamed, and a new column took the old name: added columns come last
        assertThat(assign(List.of("id", "a"), catalog("id", "b", "a"))).containsExactly(entry("id", 1), entry("a", 2));
        assertThat(assign(List.of("id", "b"), catalog("id", "b", "a"))).containsExactly(entry("id", 1), entry("b", 2));
        // renamed twice since
        assertThat(assign(List.of("id", "c", "n"), catalog("id", "e", "n"))).containsEntry("c", 2);
    }

    @Test
    void aColumnDroppedAfterTheEventIsFoundByItsDroppedNumber() {
        // p renamed to q, then dropped: the event with q has three columns, the catalog only two live ones
        assertThat(assign(List.of("id", "a", "q"), catalog("id", "a", "-"))).containsExactly(entry("id", 1), entry("a", 2), entry("q", 3));
        // the event after the drop: the names agree
        assertThat(assign(List.of("id", "a"), catalog("id", "a", "-"))).containsExactly(entry("id", 1), entry("a", 2));
    }

    @Test
    void anOldDropMakesAPositionUncertainUnlessAnEarlierShapeSaysItWasGone() {
        // 2 was dropped long ago, or is the event's a (dropped since, and b renamed from c): both fit
        CatalogTable table = catalog("id", "-", "b");
        assertThat(assign(List.of("id", "a"), table)).containsExactly(entry("id", 1));
        // an earlier shape numbered {id 1, x 3} had no 2: it was gone before
        assertThat(ColumnNumbers.goneBefore(Map.of("id", 1, "x", 3))).containsExactly(2);
        assertThat(ColumnNumbers.assign(List.of("id", "a"), table, Set.of(2), true)).containsExactly(entry("id", 1), entry("a", 3));
        // a "gone" number that is live contradicts, and is ignored
        assertThat(ColumnNumbers.assign(List.of("id", "a"), catalog("id", "b", "c"), Set.of(2), true)).containsEntry("a", 2);
    }

    @Test
    void withAColumnFilterOnlyAgreeingNamesCount() {
        assertThat(ColumnNumbers.assign(List.of("id", "c"), catalog("id", "secret", "c"), Set.of(), false))
            .containsExactly(entry("id", 1), entry("c", 3));
        assertThat(ColumnNumbers.assign(List.of("id", "a"), catalog("id", "b"), Set.of(), false)).isEmpty();
    }

    @Test
    void aCatalogThatCannotHoldTheEventNumbersNothing() {
        assertThat(assign(List.of("id", "a", "b", "c"), catalog("id", "x"))).isEmpty();
    }

    @Test
    void tooManyChoicesNumberNothing() {
        String[] columns = new String[41];
        columns[0] = "id";
        for (int i = 1; i < 40; i++) {
            columns[i] = "-";
        }
        columns[40] = "z";
        // 20 of 39 dropped numbers: far more than the limit
        List<String> names = new ArrayList<>(List.of("id"));
        for (int i = 0; i < 20; i++) {
            names.add("c" + i);
        }
        assertThat(assign(names, catalog(columns))).isEmpty();
        assertThat(ColumnNumbers.choices(3, List.of(1, 4), List.of(2, 3))).hasSize(3);
    }

    @Test
    void renamesAndReplacedColumnsByNumber() {
        Map<String, Integer> before = Map.of("id", 1, "a", 2, "c", 3, "x", 4);
        Map<String, Integer> after = Map.of("id", 1, "b", 2, "a", 5, "e", 3, "x", 6);
        assertThat(ColumnNumbers.renames(before, after)).containsOnly(entry("a", "b"), entry("c", "e"));
        // a was renamed (its number lives on as b): not replaced; x is another column now
        assertThat(ColumnNumbers.replaced(before, after)).containsExactly("x");
    }
}
