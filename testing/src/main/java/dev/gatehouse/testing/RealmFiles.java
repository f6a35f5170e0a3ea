package dev.gatehouse.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** The realm export files, read from the realm-export module as the tests and the demo import them. */
public final class RealmFiles {

    public static final List<String> NAMES = List.of("gatehouse-realm.json", "console-realm.json");

    private RealmFiles() {}

    public static void copyTo(Path directory) {
        try {
            Files.createDirectories(directory);
            for (String name : NAMES) {
                try (InputStream in = RealmFiles.class.getResourceAsStream("/gatehouse/realms/" + name)) {
                    if (in == null) {
                        throw new IllegalStateException("Realm file " + name + " is not on the classpath");
                    }
                    Files.copy(in, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
