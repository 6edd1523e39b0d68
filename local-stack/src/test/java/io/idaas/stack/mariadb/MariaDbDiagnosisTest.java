package io.idaas.stack.mariadb;

import io.idaas.stack.StackStartException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MariaDbDiagnosisTest {

    @Test
    void aMissingLibraryNamesTheDebianPackage() {
        StackStartException generic = new StackStartException("mariadb", "a shared library is missing: libaio.so.1", "apt-file search it");

        StackStartException explained = MariaDbDiagnosis.explain(generic, 3306, Path.of("/data"));

        assertThat(explained.getMessage()).contains("libaio.so.1").contains("apt-get install libaio1");
    }

    @Test
    void aPortLostAfterTheCheckIsNamed() {
        StackStartException generic = new StackStartException("mariadb",
                "its port is taken by another process (Address already in use)", "choose another port");

        assertThat(MariaDbDiagnosis.explain(generic, 3307, Path.of("/data")).getMessage()).contains("port 3307").contains("--port mariadb=");
    }

    @Test
    void aLockedDataFolderSaysAnotherServerUsesIt() {
        StackStartException generic = new StackStartException("mariadb",
                "the server did not answer within 90 s; the end of its log:\n[ERROR] InnoDB: Unable to lock ./ibdata1 error: 11", "see log");

        assertThat(MariaDbDiagnosis.explain(generic, 3306, Path.of("/data")).getMessage()).contains("another MariaDB server").contains("/data");
    }

    @Test
    void anUnknownFailureStaysAsItIs() {
        StackStartException generic = new StackStartException("mariadb", "something else", "see log");

        assertThat(MariaDbDiagnosis.explain(generic, 3306, Path.of("/data"))).isSameAs(generic);
    }
}
