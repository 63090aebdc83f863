package dev.hearth.store;

import dev.hearth.audit.CheckpointSigner;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The directory that holds Hearth's state: the database ({@code hearth.db}, with SQLite's {@code -wal} and
 * {@code -shm}), the server secret that keys API-key hashes ({@code server.secret}), the audit signing key pair
 * ({@code audit-signing.key}, {@code audit-signing.pub}) and this node's id ({@code node-id}).
 *
 * <p>Where: {@code state.dir} from the configuration, else {@code $HEARTH_HOME}, else {@code $XDG_DATA_HOME/hearth},
 * else {@code ~/.local/share/hearth}. Created with mode 0700; secret files with 0600 (on file systems with POSIX
 * permissions). Each file is created once, by whichever process comes first: it is written to a private temporary
 * file and then hard-linked into place, so two processes starting together never end up with different secrets and
 * nobody ever reads a half-written file.
 *
 * <p>Thread-safe; all methods do file I/O (call them at start-up or from the command line).
 */
public final class StateDir {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path dir;

    private StateDir(Path dir) {
        this.dir = dir;
    }

    /** The directory to use; see the class comment for the order. */
    public static Path resolve(Path configured, Map<String, String> env) {
        if (configured != null) {
            return configured.toAbsolutePath();
        }
        String home = env.get("HEARTH_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath();
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "hearth").toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "hearth");
    }

    /** Opens {@code dir}, creating it (owner-only) when missing. */
    public static StateDir open(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir.toAbsolutePath().getParent());
                try {
                    Files.createDirectory(dir, attributes(OWNER_DIR));
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first
                }
            }
            return new StateDir(dir);
        } catch (IOException e) {
            throw new StoreException("cannot create the state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    public Path path() {
        return dir;
    }

    public Path database() {
        return dir.resolve("hearth.db");
    }

    /** 32 random bytes, created at first use; the key of every API-key hash. */
    public byte[] serverSecret() {
        return once("server.secret", OWNER_ONLY, () -> {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            return secret;
        });
    }

    /**
     * The Ed25519 key pair that signs audit checkpoints, created at first use. {@code audit-signing.key} holds both
     * halves (base64 PKCS#8 and X.509 lines, 0600); {@code audit-signing.pub} is the public half alone, for
     * verifiers, and is always derived from the key file that won any creation race.
     */
    public KeyPair auditSigningKeys() {
        byte[] pair = once("audit-signing.key", OWNER_ONLY, () -> {
            KeyPair fresh = CheckpointSigner.generate();
            Base64.Encoder base64 = Base64.getEncoder();
            return (base64.encodeToString(fresh.getPrivate().getEncoded()) + "\n"
                    + base64.encodeToString(fresh.getPublic().getEncoded()) + "\n").getBytes(StandardCharsets.UTF_8);
        });
        String[] lines = new String(pair, StandardCharsets.UTF_8).strip().split("\n");
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            byte[] publicBytes = Base64.getDecoder().decode(lines[1].strip());
            once("audit-signing.pub", READABLE, () -> publicBytes);
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(publicBytes)),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(lines[0].strip()))));
        } catch (GeneralSecurityException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new StoreException("the audit signing key in " + dir + " is not a valid Ed25519 key pair", e);
        }
    }

    /** The public half of the audit signing key, for checking checkpoints. */
    public static PublicKey auditPublicKey(Path file) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Files.readAllBytes(file)));
        } catch (IOException | GeneralSecurityException e) {
            throw new StoreException("cannot read the audit public key " + file + ": " + e.getMessage(), e);
        }
    }

    public Path auditPublicKeyFile() {
        return dir.resolve("audit-signing.pub");
    }

    /** This node's id in the audit log: the host name and a random suffix, created at first use. */
    public String nodeId() {
        byte[] id = once("node-id", READABLE, () -> {
            String host;
            try {
                host = InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9.-]", "");
            } catch (IOException unknown) {
                host = "node";
            }
            String suffix = Integer.toHexString(new SecureRandom().nextInt(0x10000) | 0x10000).substring(1);
            host = host.isEmpty() ? "node" : host.substring(0, Math.min(host.length(), 40));
            return (host + "-" + suffix).getBytes(StandardCharsets.UTF_8);
        });
        return new String(id, StandardCharsets.UTF_8).strip();
    }

    private byte[] once(String name, Set<PosixFilePermission> permissions, Supplier<byte[]> create) {
        Path target = dir.resolve(name);
        try {
            if (!Files.exists(target)) {
                Path temporary = dir.resolve("." + name + "." + ProcessHandle.current().pid() + ".tmp");
                try {
                    write(temporary, create.get(), permissions);
                    Files.createLink(target, temporary);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                } finally {
                    Files.deleteIfExists(temporary);
                }
            }
            return Files.readAllBytes(target);
        } catch (IOException | UnsupportedOperationException e) {
            throw new StoreException("cannot create or read " + target + ": " + e.getMessage(), e);
        }
    }

    /** Creates {@code file} with its permissions from the start, so a secret is never readable by others. */
    private static void write(Path file, byte[] content, Set<PosixFilePermission> permissions) {
        try {
            Files.deleteIfExists(file);
            try (SeekableByteChannel channel = Files.newByteChannel(file,
                    EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC),
                    attributes(permissions))) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new StoreException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)}
                : new FileAttribute<?>[0];
    }
}
