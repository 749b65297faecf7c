package io.phoenixdiag.core.diag;

import java.io.IOException;

/** Renders the JSON contract through {@link ReportJson}. Stateless and thread-safe. */
final class JsonRenderer implements ReportRenderer {

    static final JsonRenderer INSTANCE = new JsonRenderer();

    private JsonRenderer() {
    }

    @Override
    public ReportFormat format() {
        return ReportFormat.JSON;
    }

    @Override
    public void render(Report report, Appendable out) throws IOException {
        ReportJson.write(report, out);
    }
}
