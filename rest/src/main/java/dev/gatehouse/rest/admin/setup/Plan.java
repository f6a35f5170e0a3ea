package dev.gatehouse.rest.admin.setup;

import java.util.ArrayList;
import java.util.List;

/** The changes a setup or uninstall would make, each with the write that makes it. */
final class Plan {

    private record Step(Change change, Runnable write) {}

    private final List<Step> steps = new ArrayList<>();

    void add(String action, String kind, String name, String detail, Runnable write) {
        steps.add(new Step(new Change(action, kind, name, detail), write));
    }

    List<Change> changes() {
        return steps.stream().map(Step::change).toList();
    }

    /** Makes every change, in order; the request's transaction commits them together or not at all. */
    List<Change> apply() {
        steps.forEach(step -> step.write().run());
        return changes();
    }
}
