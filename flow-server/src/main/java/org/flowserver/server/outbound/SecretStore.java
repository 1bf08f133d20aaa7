package org.flowserver.server.outbound;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.flowserver.dsl.OutboundSettingsRules;
import org.flowserver.processors.outbound.SecretValue;
import org.flowserver.processors.outbound.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The secrets of the outbound config, by name. A file secret is read at load and read again when the file's
 * modification time (or the file itself, as when Kubernetes swaps a mounted secret) changed, looked at no more
 * than every {@value #RECHECK_SECONDS} s, so that rotated secrets are used without a restart. An environment
 * secret is read once, at load. Trailing line breaks are removed (files written by {@code echo}, Kubernetes).
 * No value is ever logged or shown: {@link #toString()} lists names only.
 */
public final class SecretStore implements Secrets {

    /** The pattern of secret names, as it appears in error messages; the one an auth's secret names are held to. */
    public static final String NAME_PATTERN = OutboundSettingsRules.SECRET_NAME_PATTERN;
    /** The owner entry that lets flows of every owner name a secret. */
    public static final String EVERY_OWNER = "*";

    static final long RECHECK_SECONDS = 30;
    /** A secret file holds a password, a token or a PEM key, never this much. */
    static final long MAX_FILE_BYTES = 1024 * 1024;

    private static final Duration RECHECK = Duration.ofSeconds(RECHECK_SECONDS);
    private static final Logger LOG = LoggerFactory.getLogger(SecretStore.class);

    private final Map<String, Secret> secrets;

    private SecretStore(Map<String, Secret> secrets) {
        this.secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
    }

    /** A store without secrets. */
    public static SecretStore empty() {
        return new SecretStore(Map.of());
    }

    static boolean isValidName(String name) {
        return name.matches(NAME_PATTERN);
    }

    /**
     * Reads every secret. A secret that cannot be read is a problem reported to {@code problems} (path, message),
     * naming the secret and where it was looked for, never a value.
     */
    static SecretStore load(Iterable<SecretSource> sources, Map<String, String> environment, InstantSource clock,
                            BiConsumer<String, String> problems) {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        for (SecretSource source : sources) {
            String path = "secrets." + source.name();
            if (source.file().isPresent()) {
                Path file = source.file().get();
                String where = ConfigJson.quote(source.written())
                        + (source.written().equals(file.toString()) ? "" : " (" + file + ")");
                try {
                    FileContent content = FileContent.read(file);
                    if (content.value().isEmpty()) {
                        problems.accept(path + ".file", where + " is empty; write the secret into it");
                    } else {
                        secrets.put(source.name(), new FileSecret(source.name(), source.owners(), file, content,
                                clock));
                    }
                } catch (IOException e) {
                    problems.accept(path + ".file", where + " cannot be read: " + reason(e));
                }
            } else {
                String variable = source.variable().orElseThrow();
                String value = environment.get(variable);
                if (value == null) {
                    problems.accept(path + ".env", ConfigJson.quote(variable)
                            + " is not set in the server's environment");
                } else if (stripTrailingLineBreaks(value).isEmpty()) {
                    problems.accept(path + ".env", ConfigJson.quote(variable)
                            + " is empty in the server's environment; set it to the secret");
                } else {
                    secrets.put(source.name(), new EnvSecret(source.name(), source.owners(),
                            stripTrailingLineBreaks(value)));
                }
            }
        }
        return new SecretStore(secrets);
    }

    @Override
    public Optional<SecretValue> find(String name) {
        return Optional.ofNullable(secrets.get(name)).map(Secret::secretValue);
    }

    /** True only when the secret lists {@code ownerId} or {@code *} in its {@code owners}. */
    @Override
    public boolean allows(String name, String ownerId) {
        Secret secret = secrets.get(name);
        return secret != null && (secret.owners().contains(EVERY_OWNER) || secret.owners().contains(ownerId));
    }

    /** The names, sorted. */
    @Override
    public SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(secrets.keySet()));
    }

    /** The same names with the same owners; values are not compared (a file secret's may change any time). */
    @Override
    public boolean equals(Object other) {
        return other instanceof SecretStore store && ownersByName().equals(store.ownersByName());
    }

    @Override
    public int hashCode() {
        return ownersByName().hashCode();
    }

    private Map<String, Set<String>> ownersByName() {
        Map<String, Set<String>> owners = new LinkedHashMap<>();
        secrets.forEach((name, secret) -> owners.put(name, secret.owners()));
        return owners;
    }

    @Override
    public String toString() {
        return "SecretStore" + names();
    }

    /** What an IO failure means, in words, never with file content. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "it is not UTF-8 text";
        }
        if (e instanceof NotARegularFileException || e instanceof TooLargeException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    static String stripTrailingLineBreaks(String value) {
        int end = value.length();
        while (end > 0 && (value.charAt(end - 1) == '\n' || value.charAt(end - 1) == '\r')) {
            end--;
        }
        return value.substring(0, end);
    }

    /**
     * Where one secret comes from, as the config says.
     *
     * @param written   the file as written in the config (relative ones are shown so)
     * @param file      the file, resolved against the config's directory; or empty for an environment secret
     * @param variable  the environment variable; or empty for a file secret
     */
    record SecretSource(String name, Set<String> owners, String written, Optional<Path> file,
                        Optional<String> variable) {

        SecretSource {
            Objects.requireNonNull(name, "name");
            owners = Set.copyOf(owners);
            Objects.requireNonNull(written, "written");
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(variable, "variable");
            if (file.isPresent() == variable.isPresent()) {
                throw new IllegalArgumentException("a secret is either a file or an environment variable");
            }
        }

        static SecretSource file(String name, Set<String> owners, String written, Path file) {
            return new SecretSource(name, owners, written, Optional.of(file), Optional.empty());
        }

        static SecretSource env(String name, Set<String> owners, String variable) {
            return new SecretSource(name, owners, variable, Optional.empty(), Optional.of(variable));
        }
    }

    private interface Secret {
        Set<String> owners();

        SecretValue secretValue();
    }

    private static final class EnvSecret implements Secret {
        private final Set<String> owners;
        private final SecretValue value;

        EnvSecret(String name, Set<String> owners, String value) {
            this.owners = owners;
            this.value = new SecretValue(name, () -> value);
        }

        @Override
        public Set<String> owners() {
            return owners;
        }

        @Override
        public SecretValue secretValue() {
            return value;
        }
    }

    /** A file secret; {@link #current()} may run on an event loop: it reads a small file at most every 30 s. */
    private static final class FileSecret implements Secret {
        private final String name;
        private final Set<String> owners;
        private final Path file;
        private final InstantSource clock;
        private final SecretValue value;
        private FileContent content;
        private Instant checked;

        FileSecret(String name, Set<String> owners, Path file, FileContent content, InstantSource clock) {
            this.name = name;
            this.owners = owners;
            this.file = file;
            this.content = content;
            this.clock = clock;
            this.checked = clock.instant();
            this.value = new SecretValue(name, this::current);
        }

        @Override
        public Set<String> owners() {
            return owners;
        }

        @Override
        public SecretValue secretValue() {
            return value;
        }

        private synchronized String current() {
            Instant now = clock.instant();
            if (now.isBefore(checked.plus(RECHECK))) {
                return content.value();
            }
            checked = now;
            try {
                BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                if (content.changedFrom(attributes)) {
                    FileContent read = FileContent.read(file);
                    if (read.value().isEmpty()) {
                        LOG.atWarn().addKeyValue("secret", name).addKeyValue("file", file)
                                .log("Secret file is empty now; the value read before is used");
                    } else {
                        content = read;
                        LOG.atInfo().addKeyValue("secret", name).addKeyValue("file", file)
                                .log("Secret file changed; the new value is used");
                    }
                }
            } catch (IOException e) {
                LOG.atWarn().addKeyValue("secret", name).addKeyValue("file", file).addKeyValue("error", reason(e))
                        .log("Secret file cannot be read again; the value read before is used");
            }
            return content.value();
        }
    }

    /** A secret file's value, and what tells whether the file changed since. */
    private record FileContent(String value, FileTime modified, Object fileKey) {

        static FileContent read(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new NotARegularFileException(attributes.isDirectory() ? "it is a directory"
                        : "it is not a regular file");
            }
            if (attributes.size() > MAX_FILE_BYTES) {
                throw new TooLargeException("it is larger than 1 MiB; a secret file holds one password, token or "
                        + "key");
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            return new FileContent(stripTrailingLineBreaks(text), attributes.lastModifiedTime(),
                    attributes.fileKey());
        }

        boolean changedFrom(BasicFileAttributes attributes) {
            return !attributes.lastModifiedTime().equals(modified) || !Objects.equals(attributes.fileKey(), fileKey);
        }

        @Override
        public String toString() {
            return "FileContent[modified=" + modified + "]";
        }
    }

    private static final class NotARegularFileException extends IOException {
        NotARegularFileException(String message) {
            super(message);
        }
    }

    private static final class TooLargeException extends IOException {
        TooLargeException(String message) {
            super(message);
        }
    }
}
