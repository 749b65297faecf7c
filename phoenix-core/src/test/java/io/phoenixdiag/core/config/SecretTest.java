package io.phoenixdiag.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What counts as secret, and that a secret never prints. */
class SecretTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "admin_password, true", "password, true", "password_hash, true", "DATABASE_PASS, true", "db_passwd, true",
        "passphrase, true", "client_secret, true", "api_key, true", "apiKey, true", "API-KEY, true", "apikey, true",
        "hf_token, true", "accessToken, true", "private_key, true", "privateKey, true", "ssh_private_key, true",
        "credentials, true", "portainer_admin_password, true",
        "hf_token_file, false", "docker_token_file, false", "password_file, false", "private_key_path, false",
        "token_url, false", "max_num_batched_tokens, false", "max_token_count, false", "ssh_public_key, false",
        "public_key, false", "username, false", "admin_user, false", "passthrough, false", "compass, false",
        "bypass_proxy, false", "key, false", "secret_name, false", "sudo_access, false", "tokens, false"
    })
    void fieldNames(String name, boolean secret) {
        assertEquals(secret, Secret.isSecretFieldName(name));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(value = {
        "'', true", "NOT_SET, true", "change_me, true", "CHANGEME, true", "${DB_PASS}, true", "'{{ vault_pw }}', true",
        "<password>, true", "'****', true", "none, true",
        "Example-Plaintext-Pass-1, false", "PROD_SECRET_PASSWORD, false", "hunter2, false"
    })
    void placeholders(String value, boolean placeholder) {
        assertEquals(placeholder, Secret.isPlaceholder(value));
    }

    @Property
    void toStringNeverShowsTheValue(@ForAll String value) {
        Secret s = Secret.of(value);
        assertEquals("<masked>", s.toString());
        assertEquals("X[<masked>]", "X[" + s + "]");
        assertEquals(value, s.reveal());
        assertEquals(Secret.of(value), s);
        assertEquals(Secret.of(value).hashCode(), Secret.of(value + "x").hashCode());
    }

    @org.junit.jupiter.api.Test
    void equalsComparesValues() {
        assertNotEquals(Secret.of("a"), Secret.of("b"));
        assertNotEquals(Secret.of("a"), "a");
    }

    @org.junit.jupiter.api.Test
    void namedValuesKeyMaterialAndNestedSecretsAreFound() {
        String pem = "-----BEGIN EC PRIVATE KEY-----\\nMHcCAQEE\\n-----END EC PRIVATE KEY-----";
        String json = "{\"docker_stacks\": {\"s\": {\"environments\": {\"production\": {\"variables\": ["
                + "{\"name\": \"API_TOKEN\", \"value\": \"t-1\"}, {\"name\": \"PORT\", \"value\": \"80\"},"
                + "{\"name\": \"DB_PASSWORD\", \"value\": \"CHANGE_ME\"}]}}}},"
                + "\"blob\": \"" + pem + "\", \"secrets\": {\"a\": \"s-1\", \"b\": [\"s-2\"]}}";
        LoadResult<java.util.Optional<StacksConfig>> r = PhoenixLoader.STACKS.load(json, "st.json");
        StacksConfig st = r.value().orElseThrow();
        List<StackVariable> vars = st.dockerStacks().get("s").environments().get("production").variables();
        assertEquals(List.of(true, false, true), vars.stream().map(StackVariable::sensitive).collect(Collectors.toList()));
        String raw = st.extraFields().toString();
        assertFalse(raw.contains("s-1") || raw.contains("s-2") || raw.contains("MHcCAQEE"), raw);
        assertEquals("{blob=\"<masked>\", secrets={\"a\":\"<masked>\",\"b\":[\"<masked>\"]}}", raw);
        // the occurrences, as the "plaintext secrets in config" check and redaction tests use them
        ConfigReader.Loaded<StacksConfig> loaded = PhoenixLoader.STACKS.read(writeTemp(json), "st.json");
        assertEquals(List.of(
                "/docker_stacks/s/environments/production/variables/0/value API_TOKEN NAMED_VALUE false",
                "/docker_stacks/s/environments/production/variables/2/value DB_PASSWORD NAMED_VALUE true",
                "/blob blob KEY_MATERIAL false",
                "/secrets/a secrets FIELD_NAME false",
                "/secrets/b/0 secrets FIELD_NAME false"),
                loaded.secrets.stream().map(s -> s.location().pointer() + " " + s.fieldName() + " " + s.kind() + " "
                        + s.placeholder()).collect(Collectors.toList()));
        assertTrue(loaded.secrets.get(0).toString().contains("value=<masked>"));
    }

    @org.junit.jupiter.api.Test
    void invalidValueMessagesDoNotEchoSecrets() {
        LoadResult<java.util.Optional<HypervisorConfig>> r = PhoenixLoader.HYPERVISOR.load(
                "{\"users\": {\"password_hash\": \"hash-1\", \"sudo_access\": \"hash-1\"}, "
                        + "\"portainer_api\": {\"admin_password\": {\"nested\": \"pw-9\"}}}", "h.json");
        assertFalse(r.findings().toString().contains("pw-9"), r.findings().toString());
        assertEquals(2, r.findings("config.invalid-value").size());
        assertTrue(r.findings("config.invalid-value").get(0).message().contains("found a string of 6 characters"),
                "a misplaced string is never echoed: it may be a secret in the wrong field");
        assertFalse(r.findings().toString().contains("hash-1"), r.findings().toString());
        assertTrue(r.findings("config.invalid-value").get(1).message().endsWith("but found object; the value is ignored."));
    }

    private static java.nio.file.Path writeTemp(String json) {
        try {
            java.nio.file.Path p = java.nio.file.Files.createTempFile("st", ".json");
            java.nio.file.Files.writeString(p, json);
            p.toFile().deleteOnExit();
            return p;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
