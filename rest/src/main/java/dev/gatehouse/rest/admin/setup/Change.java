package dev.gatehouse.rest.admin.setup;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One change that setup or uninstall makes to a realm, as the answer lists it.
 *
 * @param action what happens: {@code create}, {@code update}, {@code bind}, {@code remove}, {@code restore}
 * @param kind what it happens to: {@code component}, {@code flow}, {@code binding}, {@code role}, …
 * @param name the thing's name
 * @param detail a sentence for the admin: the value it gets, or the consequence
 */
record Change(String action, String kind, String name, String detail) {

    ObjectNode json() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("action", action);
        json.put("kind", kind);
        json.put("name", name);
        json.put("detail", detail);
        return json;
    }
}
