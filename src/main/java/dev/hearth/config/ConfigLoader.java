package dev.hearth.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads a Hearth YAML configuration file (the {@code --config} file) into a {@link HearthConfig}.
 *
 * <p>Keys are kebab-case. Every section and key is optional except a backend's {@code name},
 * {@code protocol} and {@code base-url}; absent values take the records' {@code defaults()}, except that
 * discovery defaults to {@code local-servers: false, cloud-keys: false, embedded: true}, because a file that
 * lists backends means exactly those backends. A backend without {@code location} is {@code local} when its
 * base URL's host is loopback and {@code cloud} otherwise.
 *
 * <p>Scalar values may use {@code ${VAR}} and {@code ${VAR:-default}}, resolved from the {@code env} map
 * passed in (normally {@code System.getenv()}); {@code api-key} must be a single such reference.
 *
 * <p>Loading is strict: a missing or unreadable file, malformed YAML, an unknown key, a wrong type, a value
 * out of range or an unset variable throws {@link ConfigException} naming the file, the line and the field
 * path. No value is ever adjusted to make it fit. Stateless and thread-safe; it reads only the one file.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * @param file the configuration file; errors name it as given
     * @param env  environment variables for {@code ${VAR}} references
     * @throws ConfigException when the file cannot be used, on the first problem found
     */
    public static HearthConfig load(Path file, Map<String, String> env) {
        String label = file.toString();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(label + ": configuration file not found", e);
        } catch (CharacterCodingException e) {
            throw new ConfigException(label + ": not valid UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(label + ": cannot read configuration file (" + e + ")", e);
        }
        NodeReader reader = new NodeReader(env);
        return new ConfigMapper(reader).map(YamlTreeReader.read(text, label), label);
    }
}
