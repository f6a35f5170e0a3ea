package dev.gatehouse.themes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Keeps the {@code gatehouse} theme's message bundles complete and in sync: every locale has the
 * English keys, and every {@code gatehouse.*} key that a template or Java code asks for exists.
 * Keycloak would otherwise render the bare key on the page.
 */
@DisplayName("Message bundles of the gatehouse theme")
class MessageBundlesTest {

    private static final String THEME = "themes/src/main/resources/theme/gatehouse";
    private static final String ENGLISH = "en";
    private static final Pattern BUNDLE = Pattern.compile("messages_(.+)\\.properties");

    /** msg("key"), msgStr("key") and advancedMsg("key"); FreeMarker also allows single quotes. */
    private static final Pattern TEMPLATE_KEY =
            Pattern.compile("\\b(?:msg|msgStr|advancedMsg)\\(\\s*([\"'])(gatehouse\\.[^\"']*)\\1");

    private static final Pattern COMPOSED_LIST =
            Pattern.compile("<#assign\\s+\\w+\\s*=\\s*\\[([^\\]]*)\\]", Pattern.DOTALL);
    private static final Pattern JAVA_KEY = Pattern.compile("\"(gatehouse\\.[^\"\\\\]*)\"");

    /** The module that assembles the deployable jar; its dev.gatehouse dependencies are the extension. */
    private static final String BUNDLE_POM = "bundle/pom.xml";

    private static Path root;

    /** Theme type (login, email, …) → locale → bundle. */
    private static Map<String, Map<String, Properties>> bundles;

    @BeforeAll
    static void loadBundles() throws IOException {
        root = repositoryRoot();
        bundles = new TreeMap<>();
        try (Stream<Path> types = Files.list(root.resolve(THEME))) {
            for (Path type :
                    types.filter(t -> Files.isDirectory(t.resolve("messages"))).toList()) {
                bundles.put(type.getFileName().toString(), loadLocales(type.resolve("messages")));
            }
        }
        assertThat(bundles).as("theme types with messages under %s", THEME).containsKey("login");
        bundles.forEach((type, locales) ->
                assertThat(locales).as("locales of the %s theme", type).containsKey(ENGLISH));
    }

    @Test
    @DisplayName("every locale has exactly the English keys")
    void everyLocaleHasTheEnglishKeys() {
        // given
        Map<String, Set<String>> missing = new TreeMap<>();
        Map<String, Set<String>> extra = new TreeMap<>();

        // when
        bundles.forEach((type, locales) -> {
            Set<String> english = locales.get(ENGLISH).stringPropertyNames();
            locales.forEach((locale, bundle) -> {
                Set<String> keys = bundle.stringPropertyNames();
                Set<String> absent = difference(english, keys);
                Set<String> unknown = difference(keys, english);
                if (!absent.isEmpty()) {
                    missing.put(type + "/messages_" + locale, absent);
                }
                if (!unknown.isEmpty()) {
                    extra.put(type + "/messages_" + locale, unknown);
                }
            });
        });

        // then
        assertSoftly(softly -> {
            softly.assertThat(missing)
                    .as("keys of messages_en missing from other locales")
                    .isEmpty();
            softly.assertThat(extra).as("keys that messages_en does not define").isEmpty();
        });
    }

    @Test
    @DisplayName("every locale a theme type declares has a bundle, and every bundle is declared")
    void declaredLocalesHaveBundles() throws IOException {
        for (Map.Entry<String, Map<String, Properties>> entry : bundles.entrySet()) {
            // given
            Path themeProperties = root.resolve(THEME).resolve(entry.getKey()).resolve("theme.properties");
            if (!Files.exists(themeProperties)) {
                continue;
            }
            String declared = load(themeProperties).getProperty("locales");
            if (declared == null) {
                continue;
            }

            // when
            Set<String> locales = Arrays.stream(declared.split(","))
                    .map(String::strip)
                    .filter(locale -> !locale.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));

            // then
            assertThat(entry.getValue().keySet())
                    .as("bundles of the %s theme against its locales=%s", entry.getKey(), declared)
                    .containsExactlyInAnyOrderElementsOf(locales);
        }
    }

    @Test
    @DisplayName("every gatehouse.* key a template uses is defined in English")
    void templateKeysAreDefined() throws IOException {
        // given
        Map<String, Set<String>> undefined = new TreeMap<>();
        int templates = 0;

        for (String type : bundles.keySet()) {
            Set<String> english = bundles.get(type).get(ENGLISH).stringPropertyNames();
            Path typeDir = root.resolve(THEME).resolve(type);
            try (Stream<Path> files = Files.walk(typeDir)) {
                for (Path template :
                        files.filter(f -> f.toString().endsWith(".ftl")).toList()) {
                    templates++;

                    // when
                    String source = Files.readString(template, StandardCharsets.UTF_8);
                    Set<String> used = new TreeSet<>(matches(TEMPLATE_KEY, source, 2));
                    // A literal ending in "." is the prefix of keys composed from a list in the
                    // template: check the composed keys instead.
                    Set<String> prefixes = new TreeSet<>(used);
                    prefixes.removeIf(key -> !key.endsWith("."));
                    used.removeAll(prefixes);
                    used.addAll(composedKeys(source, prefixes));

                    // then
                    Set<String> absent = difference(used, english);
                    if (!absent.isEmpty()) {
                        undefined.put(root.relativize(template).toString(), absent);
                    }
                }
            }
        }
        assertThat(templates).as("templates found").isPositive();
        assertThat(undefined)
                .as("message keys used by templates but missing from messages_en")
                .isEmpty();
    }

    @Test
    @DisplayName("every gatehouse.* string literal in the bundled modules' Java code is defined in English")
    void javaKeysAreDefined() throws IOException {
        // given
        Set<String> english = bundles.values().stream()
                .flatMap(locales -> locales.get(ENGLISH).stringPropertyNames().stream())
                .collect(Collectors.toSet());
        Map<String, Set<String>> undefined = new TreeMap<>();
        List<Path> sources = javaSources();

        // when
        for (Path source : sources) {
            Set<String> used = matches(JAVA_KEY, Files.readString(source, StandardCharsets.UTF_8), 1);
            Set<String> absent = difference(used, english);
            if (!absent.isEmpty()) {
                undefined.put(root.relativize(source).toString(), absent);
            }
        }

        // then
        assertThat(sources)
                .as("Java sources under */src/main/java of the bundled modules")
                .isNotEmpty();
        assertThat(undefined)
                .as("gatehouse.* literals in Java missing from messages_en")
                .isEmpty();
    }

    @Test
    @DisplayName("every key is namespaced: gatehouse.* or <provider-id>-display-name / -help-text")
    void keysAreNamespaced() {
        // given
        Map<String, Set<String>> offending = new TreeMap<>();

        // when
        bundles.forEach((type, locales) -> locales.forEach((locale, bundle) -> {
            Set<String> bad = bundle.stringPropertyNames().stream()
                    .filter(key -> !key.startsWith("gatehouse.")
                            && !key.endsWith("-display-name")
                            && !key.endsWith("-help-text"))
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!bad.isEmpty()) {
                offending.put(type + "/messages_" + locale, bad);
            }
        }));

        // then
        assertThat(offending).as("keys outside the gatehouse namespace").isEmpty();
    }

    /**
     * The directory that holds the theme sources: Maven runs tests in the module directory, an IDE
     * may run them in the repository root, so walk up from the working directory.
     */
    /** Keys like {@code gatehouse.reason.<item>.title} for every item of the template's assigned lists. */
    private static Set<String> composedKeys(String template, Set<String> prefixes) {
        Set<String> keys = new TreeSet<>();
        Matcher lists = COMPOSED_LIST.matcher(template);
        while (lists.find()) {
            Matcher items = Pattern.compile("\"([^\"]+)\"").matcher(lists.group(1));
            while (items.find()) {
                for (String prefix : prefixes) {
                    Matcher suffixes = Pattern.compile(
                                    Pattern.quote(prefix) + "\"\\s*\\+\\s*\\w+\\s*\\+\\s*\"([^\"]*)\"")
                            .matcher(template);
                    while (suffixes.find()) {
                        keys.add(prefix + items.group(1) + suffixes.group(1));
                    }
                }
            }
        }
        return keys;
    }

    private static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(THEME)) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("No " + THEME + " above " + start);
    }

    private static Map<String, Properties> loadLocales(Path messages) throws IOException {
        Map<String, Properties> locales = new TreeMap<>();
        try (Stream<Path> files = Files.list(messages)) {
            for (Path file : files.toList()) {
                Matcher name = BUNDLE.matcher(file.getFileName().toString());
                if (name.matches()) {
                    locales.put(name.group(1), load(file));
                }
            }
        }
        return locales;
    }

    /** Reads a bundle as UTF-8, as Keycloak does; a byte that is not UTF-8 fails the test. */
    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (CharacterCodingException e) {
            throw new AssertionError(file + " is not UTF-8", e);
        }
        return properties;
    }

    /**
     * The Java sources of the modules the bundle ships. The other modules (IT harness, demo) use
     * {@code gatehouse.*} strings as system-property and file names, which are not message keys.
     */
    private static List<Path> javaSources() throws IOException {
        Set<String> shipped = shippedArtifactIds();
        assertThat(shipped).as("dev.gatehouse dependencies of %s", BUNDLE_POM).isNotEmpty();
        try (Stream<Path> modules = Files.list(root)) {
            return modules.filter(module -> Files.isRegularFile(module.resolve("pom.xml")))
                    .filter(module -> shipped.contains(artifactId(module.resolve("pom.xml"))))
                    .map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(MessageBundlesTest::walk)
                    .filter(file -> file.toString().endsWith(".java"))
                    .sorted()
                    .toList();
        }
    }

    private static Set<String> shippedArtifactIds() {
        Set<String> shipped = new TreeSet<>();
        NodeList dependencies = pom(root.resolve(BUNDLE_POM)).getElementsByTagName("dependency");
        for (int i = 0; i < dependencies.getLength(); i++) {
            Element dependency = (Element) dependencies.item(i);
            if ("dev.gatehouse".equals(childText(dependency, "groupId"))) {
                shipped.add(childText(dependency, "artifactId"));
            }
        }
        return shipped;
    }

    private static String artifactId(Path pom) {
        return childText(pom(pom).getDocumentElement(), "artifactId");
    }

    private static Document pom(Path pom) {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("Cannot read " + pom, e);
        }
    }

    /** The text of a direct child element, or null: a module's own artifactId, not its parent's. */
    private static String childText(Element element, String name) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement
                    && childElement.getTagName().equals(name)) {
                return childElement.getTextContent().strip();
            }
        }
        return null;
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> matches(Pattern pattern, String text, int group) {
        Matcher matcher = pattern.matcher(text);
        Set<String> found = new TreeSet<>();
        while (matcher.find()) {
            found.add(matcher.group(group));
        }
        return found;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> result = new TreeSet<>(a);
        result.removeAll(b);
        return result;
    }
}
