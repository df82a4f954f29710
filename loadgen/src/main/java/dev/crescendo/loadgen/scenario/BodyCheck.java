package dev.crescendo.loadgen.scenario;

import com.jayway.jsonpath.JsonPath;
import java.util.List;

/** {@code expect.body}: a JSONPath that must equal a value (e.g. health "status" is "ok"), or a substring. */
public sealed interface BodyCheck {

    boolean needsJson();

    /** @return null when the check passes, else why it failed */
    String failure(String body, ResponseJson json);

    record JsonEquals(String pathText, JsonPath path, String expected) implements BodyCheck {
        @Override
        public boolean needsJson() {
            return true;
        }

        @Override
        public String failure(String body, ResponseJson json) {
            List<String> actual = json.scalars(path);
            if (actual.size() == 1 && actual.get(0).equals(expected)) {
                return null;
            }
            return "body check " + pathText + " == '" + expected + "' failed: found "
                    + (actual.isEmpty() ? "nothing" : actual.size() == 1 ? "'" + actual.get(0) + "'" : actual.toString());
        }
    }

    record Contains(String expected) implements BodyCheck {
        @Override
        public boolean needsJson() {
            return false;
        }

        @Override
        public String failure(String body, ResponseJson json) {
            return body != null && body.contains(expected) ? null : "body does not contain '" + expected + "'";
        }
    }
}
