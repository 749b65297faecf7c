package io.phoenixdiag.core.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A secret value read from a config (a password, token, API key, password hash or private key). Its
 * {@link #toString()} is always {@value #MASK}; the value is reachable only through {@link #reveal()},
 * so it never reaches a log, a report, an exception message or a record's printed form by accident
 * (HikariCP's masking, in spirit).
 *
 * <p>The static methods hold the rules that decide what is secret, used by the loader for every
 * field of every file:
 * <ul>
 *   <li>{@link #isSecretFieldName(String)}: the field's name says so;</li>
 *   <li>a sibling {@code name} says so: {@code {"name": "DATABASE_PASS", "value": "..."}} makes the
 *       {@code value} secret;</li>
 *   <li>{@link #looksLikePrivateKey(String)}: the value is PEM private-key material, whatever its name.</li>
 * </ul>
 * Immutable and thread-safe. Two secrets are equal when their values are (compared in constant time).
 */
public final class Secret {

    /** What {@link #toString()} prints instead of the value. */
    public static final String MASK = "<masked>";

    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");
    private static final int NAME_CACHE_LIMIT = 4096;
    private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> NAME_CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final Set<String> SECRET_TOKENS = Set.of("password", "passwd", "pass", "pwd", "passphrase",
            "secret", "secrets", "token", "apikey", "privatekey", "privkey", "credential", "credentials");
    /** Last name tokens meaning the value is a reference or a property of a secret, not the secret. */
    private static final Set<String> REFERENCE_SUFFIXES = Set.of("file", "path", "dir", "directory", "url", "uri",
            "name", "id", "type", "length", "len", "count", "enabled", "required", "policy", "ttl", "expiry");
    /** Tokens meaning a count or limit ({@code max_num_batched_tokens}). */
    private static final Set<String> COUNT_TOKENS = Set.of("max", "min", "num", "count");
    private static final Set<String> PLACEHOLDERS = Set.of("", "not_set", "notset", "change_me", "changeme",
            "replace_me", "replaceme", "todo", "tbd", "none", "null", "xxx", "redacted", "secret", "password",
            MASK.toLowerCase(Locale.ROOT));
    private static final Pattern TEMPLATE = Pattern.compile("\\$\\{[^}]*}|\\{\\{.*}}|<[^>]*>|\\*+");

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a value.
     *
     * @param value the secret text
     * @return the secret
     * @throws NullPointerException if {@code value} is null
     */
    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value"));
    }

    /**
     * Returns the secret value. Call only where the value is needed (to authenticate), never to print it.
     *
     * @return the value as written in the config
     */
    public String reveal() {
        return value;
    }

    /**
     * Whether the value is a placeholder rather than a real secret.
     *
     * @return {@code true} for {@link #isPlaceholder(String)} values
     */
    public boolean isPlaceholder() {
        return isPlaceholder(value);
    }

    /**
     * Whether a field name marks its value as secret. The name is split into lower-case words at
     * {@code _ - .}, spaces and camelCase boundaries. It is secret when a word is one of password,
     * passwd, pass, pwd, passphrase, secret(s), token, apikey, privatekey, privkey, credential(s), or
     * two adjacent words are {@code api key} or {@code private key}; unless the last word says the value
     * only refers to or describes a secret (file, path, dir, url, uri, name, id, type, length, count,
     * enabled, ...: {@code hf_token_file}), a word says it is a count ({@code max_num_batched_tokens}),
     * or it is a public key ({@code ssh_public_key}). A {@code password_hash} IS treated as secret: a
     * hash is not plaintext, but it still must not be printed (it can be cracked offline).
     *
     * @param fieldName a JSON field name or variable name
     * @return whether values under that name are secret
     */
    public static boolean isSecretFieldName(String fieldName) {
        Boolean known = NAME_CACHE.get(fieldName);
        if (known != null) {
            return known;
        }
        boolean secret = classify(fieldName);
        if (NAME_CACHE.size() < NAME_CACHE_LIMIT) { // field names repeat across guests; bound the memo
            NAME_CACHE.put(fieldName, secret);
        }
        return secret;
    }

    private static boolean classify(String fieldName) {
        List<String> words = words(fieldName);
        if (words.isEmpty() || REFERENCE_SUFFIXES.contains(words.get(words.size() - 1))) {
            return false;
        }
        boolean secret = false;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String next = i + 1 < words.size() ? words.get(i + 1) : "";
            if (COUNT_TOKENS.contains(w) || (w.equals("public") && next.equals("key")) || w.equals("pubkey")) {
                return false;
            }
            if (SECRET_TOKENS.contains(w) || (next.equals("key") && (w.equals("api") || w.equals("private")))) {
                secret = true;
            }
        }
        return secret;
    }

    private static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        for (String w : NON_WORD.split(CAMEL.matcher(name).replaceAll("_").toLowerCase(Locale.ROOT))) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Whether a value holds private-key material: PEM ({@code -----BEGIN ... PRIVATE KEY-----}, RFC 7468)
     * or an OpenPGP armored private key ({@code -----BEGIN PGP PRIVATE KEY BLOCK-----}, RFC 4880).
     *
     * @param value any text
     * @return {@code true} when a private-key PEM header occurs in it
     */
    public static boolean looksLikePrivateKey(String value) {
        return value.contains("PRIVATE KEY") && PRIVATE_KEY.matcher(value).find();
    }

    /**
     * Whether a secret value is a placeholder: empty, a known marker ({@code NOT_SET}, {@code CHANGE_ME},
     * {@code changeme}, {@code REPLACE_ME}, {@code TODO}, {@code none}, ... case-insensitive), a template
     * reference ({@code ${VAR}}, {@code {{ var }}}, {@code <password>}) or only asterisks.
     *
     * @param value the value
     * @return {@code true} when it is not a real plaintext secret
     */
    public static boolean isPlaceholder(String value) {
        String v = value.strip();
        return PLACEHOLDERS.contains(v.toLowerCase(Locale.ROOT)) || TEMPLATE.matcher(v).matches();
    }

    /**
     * Compares values in constant time.
     *
     * @param o another object
     * @return {@code true} when {@code o} is a secret with the same value
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Secret && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                ((Secret) o).value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A hash that does not depend on the value (so it reveals nothing).
     *
     * @return a constant
     */
    @Override
    public int hashCode() {
        return 0x5ec7e7;
    }

    /**
     * Never the value.
     *
     * @return {@value #MASK}
     */
    @Override
    public String toString() {
        return MASK;
    }
}
