package io.idaas.stack.junit;

import io.idaas.stack.Component;
import io.idaas.stack.LocalStack;
import io.idaas.stack.process.Binaries;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.stream.Collectors;

/**
 * Gives tests the local stack, started once per test JVM and shared by every test class in it, and stopped
 * when the JVM's tests are done. Declare a {@link LocalStack} parameter (constructor, lifecycle or test
 * method) to receive it.
 *
 * <ul>
 *   <li>{@code idaas.test.data.dir} (system property): the stack's data folder, wiped before the stack starts;
 *       default {@code target/idaas-stack}.</li>
 *   <li>{@code idaas.test.extra.plugin.path}: comma-separated folders of Connect plugins that only the tests need,
 *       added to the worker's {@code plugin.path} after the bundle ({@link LocalStack.Builder#extraPluginPath}).</li>
 *   <li>{@code idaas.test.components}: the parts to start, e.g. {@code kafka,connect,postgres}; default all.</li>
 * </ul>
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return shared(extensionContext);
    }

    /** The stack of this test JVM, started on first use. */
    public static LocalStack shared(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedStack.class, key -> new SharedStack(startForTests()), SharedStack.class)
                .stack();
    }

    private static LocalStack startForTests() {
        Path dataDir = Path.of(System.getProperty("idaas.test.data.dir", "target/idaas-stack"));
        try {
            Binaries.deleteRecursively(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot wipe the test stack's data folder " + dataDir, e);
        }
        String components = System.getProperty("idaas.test.components", "");
        LocalStack.Builder builder = LocalStack.builder().dataDir(dataDir);
        for (String folder : System.getProperty("idaas.test.extra.plugin.path", "").split(",")) {
            if (!folder.isBlank()) {
                builder.extraPluginPath(Path.of(folder.trim()));
            }
        }
        if (!components.isBlank()) {
            builder.only(Arrays.stream(components.split(",")).map(Component::fromId)
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Component.class))));
        }
        return builder.start();
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test of the JVM. */
    private record SharedStack(LocalStack stack) implements AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }
}
