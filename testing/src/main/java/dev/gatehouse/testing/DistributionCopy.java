package dev.gatehouse.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A private copy of a built distribution for one node of a cluster: two Keycloak processes must
 * not share {@code data/} (the transaction manager's log, temporary files). The copy keeps the
 * files' timestamps, so that {@code kc.sh start --optimized} accepts its providers, and is made
 * again only when the original was built anew.
 */
final class DistributionCopy {

    /** What a node writes and must not inherit: its own transaction log and temporary files. */
    private static final List<Path> NODE_STATE = List.of(Path.of("data/transaction-logs"), Path.of("data/tmp"));

    private static final Path BUILD_MARKER = Path.of("data/gatehouse-build.sha256");

    private DistributionCopy() {}

    /** Makes {@code target} a copy of the built distribution at {@code source}, without node state. */
    static Path of(Path source, Path target) {
        try {
            if (!sameBuild(source, target)) {
                delete(target);
                copy(source, target);
            }
            for (Path state : NODE_STATE) {
                delete(target.resolve(state));
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean sameBuild(Path source, Path target) throws IOException {
        Path built = source.resolve(BUILD_MARKER);
        Path copied = target.resolve(BUILD_MARKER);
        return Files.exists(copied) && Files.readString(copied).equals(Files.readString(built));
    }

    private static void copy(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes)
                    throws IOException {
                Path relative = source.relativize(directory);
                if (NODE_STATE.contains(relative)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(relative));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.copy(
                        file,
                        target.resolve(source.relativize(file)),
                        StandardCopyOption.COPY_ATTRIBUTES,
                        StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            for (Path each : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
    }
}
