package io.phoenixdiag.net.probe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The stable JSON form of probe results: one object per record, properties in record component order,
 * enums by name, times as integer milliseconds. Thread-safe.
 */
public final class ProbeJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();

    private ProbeJson() {
    }

    /**
     * Writes a TCP result as compact JSON.
     *
     * @param result the result
     * @return the JSON text
     */
    public static String toJson(TcpProbeResult result) {
        return write(result);
    }

    /**
     * Writes a TLS result as compact JSON.
     *
     * @param result the result
     * @return the JSON text
     */
    public static String toJson(TlsProbeResult result) {
        return write(result);
    }

    /**
     * Writes an HTTP result as compact JSON.
     *
     * @param result the result
     * @return the JSON text
     */
    public static String toJson(HttpProbeResult result) {
        return write(result);
    }

    /**
     * Reads an HTTP result written by {@link #toJson(HttpProbeResult)}.
     *
     * @param json the JSON text
     * @return the result
     * @throws IllegalArgumentException if the text is not an HTTP result, naming what is wrong
     */
    public static HttpProbeResult httpFromJson(String json) {
        return read(json, HttpProbeResult.class);
    }

    /**
     * Writes a DNS result as compact JSON.
     *
     * @param result the result
     * @return the JSON text
     */
    public static String toJson(DnsProbeResult result) {
        return write(result);
    }

    /**
     * Reads a DNS result written by {@link #toJson(DnsProbeResult)}.
     *
     * @param json the JSON text
     * @return the result
     * @throws IllegalArgumentException if the text is not a DNS result, naming what is wrong
     */
    public static DnsProbeResult dnsFromJson(String json) {
        return read(json, DnsProbeResult.class);
    }

    /**
     * Reads a TCP result written by {@link #toJson(TcpProbeResult)}.
     *
     * @param json the JSON text
     * @return the result
     * @throws IllegalArgumentException if the text is not a TCP result, naming what is wrong
     */
    public static TcpProbeResult tcpFromJson(String json) {
        return read(json, TcpProbeResult.class);
    }

    /**
     * Reads a TLS result written by {@link #toJson(TlsProbeResult)}.
     *
     * @param json the JSON text
     * @return the result
     * @throws IllegalArgumentException if the text is not a TLS result, naming what is wrong
     */
    public static TlsProbeResult tlsFromJson(String json) {
        return read(json, TlsProbeResult.class);
    }

    /**
     * Writes a DNS wildcard result as compact JSON.
     *
     * @param result the result
     * @return the JSON text
     */
    public static String toJson(DnsWildcardResult result) {
        return write(result);
    }

    /**
     * Reads a DNS wildcard result written by {@link #toJson(DnsWildcardResult)}.
     *
     * @param json the JSON text
     * @return the result
     * @throws IllegalArgumentException if the text is not a wildcard result, naming what is wrong
     */
    public static DnsWildcardResult wildcardFromJson(String json) {
        return read(json, DnsWildcardResult.class);
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " JSON object: "
                    + e.getOriginalMessage(), e);
        }
    }
}
