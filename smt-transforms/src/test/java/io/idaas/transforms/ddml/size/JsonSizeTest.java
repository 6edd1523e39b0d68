package io.idaas.transforms.ddml.size;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSizeTest {

    /** The quick bound decides whether an event is measured exactly: it must never be under the bytes written. */
    @Test
    void theBoundOfANumberIsNeverUnderItsJson() {
        List<Object> numbers = List.of(Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, (short) -32768, (byte) -128,
                -Double.MIN_VALUE, -Double.MAX_VALUE, 1.0E-300, -Float.MIN_VALUE, -Float.MAX_VALUE,
                new BigDecimal("1E+10"), new BigDecimal("-1E+300"), new BigDecimal("0.000012345"), new BigDecimal("-123.45"),
                new BigDecimal("-0.0000000000000000000000000000000000000001"), new BigDecimal("98765432109876543210.123456789"),
                new BigDecimal(BigInteger.TEN.pow(60).negate(), 3), new BigInteger("-123456789012345678901234567890"));
        for (Object n : numbers) {
            long bound = JsonSize.upperBound(n);
            assertThat(bound).as("bound of %s", n).isGreaterThanOrEqualTo(JsonSize.exact(n));
            if (n instanceof BigDecimal d) {
                assertThat(bound).as("bound of %s as plain text", n).isGreaterThanOrEqualTo(2 + d.toPlainString().length());
            } else {
                assertThat(bound).as("bound of %s as text", n).isGreaterThanOrEqualTo(2 + n.toString().length());
            }
        }
    }
}
