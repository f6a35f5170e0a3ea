package dev.gatehouse.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON answers of the Admin API and the owner endpoints (the legacy API has its own, {@code ApiResponses}). */
public final class JsonResponses {

    private JsonResponses() {}

    /** A JSON body already written, with its status. */
    public static Response json(Response.Status status, String json) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(json)
                .build();
    }

    /** 200 with a JSON body. */
    public static Response ok(Object json) {
        return json(Response.Status.OK, json.toString());
    }
}
