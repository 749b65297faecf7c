package io.phoenixdiag.core.checks;

import io.phoenixdiag.core.analysis.DeploymentModel;
import io.phoenixdiag.core.config.Secret;
import io.phoenixdiag.core.config.SecretOccurrence;
import io.phoenixdiag.core.diag.Finding;
import io.phoenixdiag.core.diag.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Plaintext secrets in the Phoenix JSON files: passwords, tokens, API keys and private keys written
 * into configuration that is copied to the host and readable by its tools.
 *
 * <p>Finding {@code secrets.plaintext} (ERROR; CRITICAL for private-key material), one per occurrence,
 * naming the field and its location but never the value. Placeholders such as {@code NOT_SET} or empty
 * values are not reported. Stateless and thread-safe.
 */
public final class PlaintextSecretCheck extends ModelCheck {
    /** Creates the check (for {@link java.util.ServiceLoader}). */
    public PlaintextSecretCheck() {
    }

    @Override
    public String id() {
        return "secrets.plaintext";
    }

    @Override
    public String description() {
        return "Plaintext passwords, tokens and private keys in the configuration";
    }

    @Override
    List<Finding> run(DeploymentModel model) {
        List<Finding> out = new ArrayList<>();
        for (SecretOccurrence s : model.deployment().secrets()) {
            if (s.placeholder()) {
                continue;
            }
            // PEM key material is CRITICAL however it was found (also under a secret field name such as
            // ssh_private_key, which the scanner reports as FIELD_NAME)
            boolean key = s.kind() == SecretOccurrence.Kind.KEY_MATERIAL || Secret.looksLikePrivateKey(s.value().reveal());
            out.add(Finding.builder("secrets.plaintext", key ? Severity.CRITICAL : Severity.ERROR)
                    .title((key ? "Private key" : "Plaintext secret") + " in " + s.fieldName())
                    .message("The configuration holds the value of " + s.fieldName() + " in clear text (the value"
                            + " is not shown). Anyone who can read this file or its backups, or the process lists"
                            + " of the scripts it is passed to, learns it.")
                    .remediation(key ? "Remove the key from the JSON; reference a key file with mode 600 instead."
                            : "Move the value to a root-only file (the deployment already uses *_file fields such as"
                              + " hf_token_file) or a secret store, and rotate it.")
                    .subject(s.location().file())
                    .evidence("field " + s.fieldName() + " (" + (key ? kindText(SecretOccurrence.Kind.KEY_MATERIAL)
                            : kindText(s.kind())) + ")")
                    .location(s.location()).build());
        }
        return out;
    }

    private static String kindText(SecretOccurrence.Kind kind) {
        return switch (kind) {
            case FIELD_NAME -> "its name marks it as secret";
            case NAMED_VALUE -> "its sibling name marks it as secret";
            case KEY_MATERIAL -> "it holds PEM private-key material";
        };
    }
}
