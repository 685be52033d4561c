package io.kubemate.ingest.alertmanager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Turns Jackson's error positions into RFC 6901 JSON pointers, the field names our errors use. */
final class JsonPointers {
    static final String ROOT = "/";

    private JsonPointers() {}

    /** The pointer of the value Jackson failed on, or {@link #ROOT} when it cannot tell. */
    static String of(JsonProcessingException error) {
        if (error instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder pointer = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                pointer.append('/');
                pointer.append(ref.getFieldName() != null ? escape(ref.getFieldName()) : ref.getIndex());
            }
            return pointer.toString();
        }
        if (error instanceof StreamReadException read && read.getProcessor() != null) {
            String pointer =
                    read.getProcessor().getParsingContext().pathAsPointer().toString();
            return pointer.isEmpty() ? ROOT : pointer;
        }
        return ROOT;
    }

    /** {@code base} followed by one more reference token. */
    static String child(String base, String token) {
        return base + '/' + escape(token);
    }

    static String child(String base, int index) {
        return base + '/' + index;
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
