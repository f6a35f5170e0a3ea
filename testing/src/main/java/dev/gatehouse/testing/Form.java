package dev.gatehouse.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jsoup.nodes.Element;

/** An HTML form with the values a browser would submit; fill in fields, then submit it with a browser. */
public final class Form {

    private final String action;
    private final String method;
    private final Map<String, String> fields;

    private Form(String action, String method, Map<String, String> fields) {
        this.action = action;
        this.method = method;
        this.fields = fields;
    }

    static Form of(Element form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name], select[name], textarea[name]")) {
            String type = input.attr("type").toLowerCase();
            if (type.equals("submit") || type.equals("button") || type.equals("image")) {
                continue;
            }
            if ((type.equals("checkbox") || type.equals("radio")) && !input.hasAttr("checked")) {
                continue;
            }
            fields.put(input.attr("name"), input.tagName().equals("textarea") ? input.text() : input.val());
        }
        String action = form.hasAttr("action") ? form.absUrl("action") : form.baseUri();
        return new Form(
                action,
                form.attr("method").isEmpty() ? "get" : form.attr("method").toLowerCase(),
                fields);
    }

    public Form fill(String name, String value) {
        fields.put(name, value);
        return this;
    }

    public String action() {
        return action;
    }

    public String method() {
        return method;
    }

    public Map<String, String> fields() {
        return Map.copyOf(fields);
    }

    public String value(String name) {
        return fields.get(name);
    }
}
