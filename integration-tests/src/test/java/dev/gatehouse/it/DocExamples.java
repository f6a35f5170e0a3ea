package dev.gatehouse.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shell examples of a document: the {@code ```sh} blocks between {@code <!-- readme-examples:start -->}
 * and {@code <!-- readme-examples:end -->}, in order, as {@code .ci/readme-examples} reads them.
 */
final class DocExamples {

    private DocExamples() {}

    static String shellBlocks(Path document) throws IOException {
        StringBuilder script = new StringBuilder();
        boolean on = false;
        boolean code = false;
        for (String line : Files.readAllLines(document)) {
            if (line.contains("<!-- readme-examples:start -->")) {
                on = true;
            } else if (line.contains("<!-- readme-examples:end -->")) {
                on = false;
            } else if (on && line.equals("```sh")) {
                code = true;
            } else if (on && line.equals("```")) {
                code = false;
            } else if (on && code) {
                script.append(line).append('\n');
            }
        }
        if (script.isEmpty()) {
            throw new IllegalStateException(document + " has no shell examples between the markers");
        }
        return script.toString();
    }
}
