package io.phoenixdiag.core.config;

import io.phoenixdiag.core.config.JNode.JArray;
import io.phoenixdiag.core.config.JNode.JObject;
import io.phoenixdiag.core.config.JNode.JScalar;
import java.util.Map;
import java.util.Optional;

/**
 * Finds every secret value of a parsed document by the rules of {@link Secret}: a secret field name
 * (everything below it counts), a sibling {@code name} naming a secret for a {@code value}, or private-key
 * material anywhere. Runs before mapping so that typed fields, raw unknown fields and messages all mask
 * the same values.
 */
final class SecretScanner {

    private SecretScanner() {
    }

    static void scan(JNode root, LoadContext ctx) {
        walk(root, "", Optional.empty(), ctx);
    }

    private static void walk(JNode node, String field, Optional<SecretOccurrence.Kind> secretKind, LoadContext ctx) {
        if (node instanceof JObject) {
            Map<String, JNode> members = ((JObject) node).members();
            String namedSecret = namedSecret(members);
            for (Map.Entry<String, JNode> e : members.entrySet()) {
                String key = e.getKey();
                Optional<SecretOccurrence.Kind> kind = secretKind;
                String name = key;
                if (kind.isEmpty() && Secret.isSecretFieldName(key)) {
                    kind = Optional.of(SecretOccurrence.Kind.FIELD_NAME);
                } else if (kind.isEmpty() && key.equals("value") && !namedSecret.isEmpty()) {
                    kind = Optional.of(SecretOccurrence.Kind.NAMED_VALUE);
                    name = namedSecret;
                }
                walk(e.getValue(), kind.isPresent() && secretKind.isPresent() ? field : name, kind, ctx);
            }
        } else if (node instanceof JArray) {
            for (JNode element : ((JArray) node).elements()) {
                walk(element, field, secretKind, ctx);
            }
        } else {
            JScalar s = (JScalar) node;
            boolean text = s.kind() == JScalar.Kind.STRING || s.kind() == JScalar.Kind.NUMBER;
            if (text && secretKind.isPresent()) {
                ctx.secret(s, field, secretKind.get(), s.text());
            } else if (s.kind() == JScalar.Kind.STRING && Secret.looksLikePrivateKey(s.text())) {
                ctx.secret(s, field, SecretOccurrence.Kind.KEY_MATERIAL, s.text());
            }
        }
    }

    /** The secret name a {@code {"name": .., "value": ..}} object gives its value, or {@code ""}. */
    private static String namedSecret(Map<String, JNode> members) {
        for (String nameKey : new String[] {"name", "key"}) {
            JNode name = members.get(nameKey);
            if (members.containsKey("value") && name instanceof JScalar && ((JScalar) name).kind() == JScalar.Kind.STRING
                    && Secret.isSecretFieldName(((JScalar) name).text())) {
                return ((JScalar) name).text();
            }
        }
        return "";
    }
}
