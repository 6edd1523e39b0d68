package io.idaas.cli;

import io.idaas.cli.pipeline.LocalSecrets;
import io.idaas.cli.pipeline.Pipeline;
import io.idaas.cli.pipeline.PipelineReader;
import io.idaas.verify.Mode;
import io.idaas.verify.Progress;
import io.idaas.verify.Verifier;
import io.idaas.verify.VerifyConfig;
import io.idaas.verify.report.ReportText;
import io.idaas.verify.report.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code idaas pipeline verify FILE}: the verifier on the file's {@code verify.tables}, between the source and each target. */
@Command(name = "verify",
        header = "Compares the pipeline's tables in its source and in each target with the verifier.", mixinStandardHelpOptions = true,
        description = {"Runs the verifier (as `idaas verify` does) on the tables the file lists under verify:, between the source and",
                "each JDBC, Redis and MongoDB target. ${env:...} and ${file:...} references are resolved here, as the worker does."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every target matches its source", "1:differences found, or the file is invalid",
                "2:an error (a database did not answer, no verify: block)"})
final class PipelineVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    PipelineOptions options;

    @Option(names = "--mode", defaultValue = "field", paramLabel = "MODE", description = "count, row or field (default: ${DEFAULT-VALUE}).")
    Mode mode;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Pipeline p;
        try {
            p = options.read(err).pipeline();
        } catch (IllegalArgumentException e) {
            err.println(spec.commandLine().getColorScheme().errorText("idaas pipeline verify: " + e.getMessage()));
            err.flush();
            return VerifyCommand.DIFFERENT;
        }
        if (p.verification().isEmpty()) {
            err.println("idaas pipeline verify: " + options.file + " has no verify: block; add verify: {tables: [TABLE, ...]}");
            err.flush();
            return VerifyCommand.ERROR;
        }
        boolean allEqual = true;
        try {
            String source = sourceUrl(p.source());
            for (Pipeline.Target t : p.targets()) {
                VerifyConfig.Builder b = VerifyConfig.builder()
                        .source(source, LocalSecrets.resolve(p.source().user()), LocalSecrets.resolve(p.source().password()))
                        .target(targetUrl(t), LocalSecrets.resolve(t.endpoint().get("user")), LocalSecrets.resolve(t.endpoint().get("password")))
                        .mode(mode).recheck(2, Duration.ofSeconds(2));
                if (p.verification().get().ignoreColumns() != null) {
                    b.ignoredColumns(p.verification().get().ignoreColumns());
                }
                if (t.kind().equals("redis")) {
                    b.redisPrefix(t.endpoint().getOrDefault("prefix", p.name()));
                }
                p.verification().get().tables().forEach(b::table);
                VerifyReport report = new Verifier(b.build()).progress(Progress.NONE).run();
                out.println("== " + p.sinkConnector(t) + (!p.processors().isEmpty() || !t.processors().isEmpty()
                        ? " (its processors may make it differ on purpose: see smt-transforms README)" : ""));
                out.print(ReportText.write(report));
                allEqual &= report.equal();
            }
        } catch (Exception e) {
            out.flush();
            err.println(spec.commandLine().getColorScheme().errorText("idaas pipeline verify: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            err.flush();
            return VerifyCommand.ERROR;
        }
        out.flush();
        return allEqual ? VerifyCommand.EQUAL : VerifyCommand.DIFFERENT;
    }

    private static String sourceUrl(Pipeline.Source s) {
        String hostPort = LocalSecrets.resolve(s.host()) + ":" + LocalSecrets.resolve(s.port()) + "/" + LocalSecrets.resolve(s.database());
        return switch (s.kind()) {
            case "postgres" -> "jdbc:postgresql://" + hostPort;
            case "mariadb", "mysql" -> "jdbc:mariadb://" + hostPort;
            default -> throw new IllegalArgumentException("the verifier reads MariaDB, MySQL and PostgreSQL sources, not " + s.kind());
        };
    }

    /** The target as the verifier takes it; a jdbc:mysql: URL is read with MariaDB's driver, which speaks the protocol. */
    private static String targetUrl(Pipeline.Target t) {
        return switch (t.kind()) {
            case "jdbc" -> LocalSecrets.resolve(t.endpoint().get("url")).replaceFirst("^jdbc:mysql:", "jdbc:mariadb:");
            case "redis" -> LocalSecrets.resolve(t.endpoint().get("uri"));
            default -> {
                String uri = LocalSecrets.resolve(t.endpoint().get("uri")).replaceAll("/+$", "");
                yield uri.replaceFirst("^(mongodb(\\+srv)?://[^/]+).*$", "$1") + "/" + LocalSecrets.resolve(t.endpoint().get("database"));
            }
        };
    }
}
