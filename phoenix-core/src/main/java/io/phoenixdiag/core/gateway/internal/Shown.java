package io.phoenixdiag.core.gateway.internal;

import io.phoenixdiag.core.config.Secret;
import io.phoenixdiag.core.diag.Location;
import java.util.regex.Pattern;

/**
 * What of a gateway file's text may appear in a finding. A file given to the parsers may be anything (a
 * password file, a key); a key or directive name is echoed only when it looks like a name: 1 to 64 characters
 * of {@code [A-Za-z0-9_.@-]} (Traefik and nginx names are of that form) and not private-key material
 * ({@link Secret#looksLikePrivateKey(String)}). Anything else is described, not shown. Thread-safe.
 */
final class Shown {

    /** The description used instead of a key that is not shown. */
    static final String HIDDEN_KEY = "a key that is not a Traefik name (not shown)";
    /** The description used instead of a directive name that is not shown. */
    static final String HIDDEN_DIRECTIVE = "a directive name that is not an nginx name (not shown)";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
    private static final Pattern DIRECTIVE = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private Shown() {
    }

    /** Whether a key may be echoed. */
    static boolean isName(String key) {
        return NAME.matcher(key).matches() && !Secret.looksLikePrivateKey(key) && !looksLikeToken(key);
    }

    /** A key as written in a message: quoted when it is a name, else {@link #HIDDEN_KEY}. */
    static String key(String key) {
        return isName(key) ? "\"" + key + "\"" : HIDDEN_KEY;
    }

    /** A directive name as written in a message: quoted when it is an nginx name, else {@link #HIDDEN_DIRECTIVE}. */
    static String directive(String name) {
        return DIRECTIVE.matcher(name).matches() ? "\"" + name + "\"" : HIDDEN_DIRECTIVE;
    }

    /** A name or address as written in a message: quoted when it looks like a name, else a description. */
    static String name(String text) {
        return isName(text) ? "\"" + text + "\"" : "(a value that is not shown)";
    }

    /** A location without its JSON pointer when a segment of the pointer is not a name. */
    static Location at(Location at) {
        if (at.pointer().isEmpty() || java.util.Arrays.stream(at.pointer().substring(1).split("/", -1))
                .allMatch(Shown::isName)) {
            return at;
        }
        return new Location(at.file(), "", at.line(), at.column());
    }

    /** A long key mixing upper case, lower case and at least four digits: an API token rather than a name. */
    private static boolean looksLikeToken(String key) {
        return key.length() >= 20 && key.chars().filter(Character::isDigit).count() >= 4
                && key.chars().anyMatch(Character::isUpperCase) && key.chars().anyMatch(Character::isLowerCase);
    }
}
