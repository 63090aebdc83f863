package dev.hearth.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs and checks {@link Checkpoint}s with Ed25519 (the JDK's own provider). The private key stays with the node;
 * anyone with the public key can check a checkpoint. Thread-safe: a new {@link Signature} per call.
 */
public final class CheckpointSigner {
    private static final String ALGORITHM = "Ed25519";

    private final PrivateKey privateKey;
    private final String keyId;

    public CheckpointSigner(KeyPair keys) {
        this.privateKey = keys.getPrivate();
        this.keyId = keyId(keys.getPublic());
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException missing) {
            throw new IllegalStateException("this JDK lacks " + ALGORITHM, missing);
        }
    }

    /** The first 16 hex digits of the SHA-256 of the encoded public key: names the key in checkpoints. */
    public static String keyId(PublicKey key) {
        return ChainHash.sha256(Base64.getEncoder().encodeToString(key.getEncoded())).substring(0, 16);
    }

    public String keyId() {
        return keyId;
    }

    public Checkpoint sign(String node, long seq, long ts, String hash) {
        Checkpoint unsigned = new Checkpoint(node, seq, ts, hash, keyId, "");
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(unsigned.signedContent().getBytes(StandardCharsets.UTF_8));
            String signed = Base64.getEncoder().encodeToString(signature.sign());
            return new Checkpoint(node, seq, ts, hash, keyId, signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign an audit checkpoint", e);
        }
    }

    /** Whether {@code checkpoint} was signed by the private half of {@code key}, over exactly its content. */
    public static boolean verify(Checkpoint checkpoint, PublicKey key) {
        if (!keyId(key).equals(checkpoint.keyId())) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(checkpoint.signedContent().getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException bad) {
            return false;
        }
    }
}
