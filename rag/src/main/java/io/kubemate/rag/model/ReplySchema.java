package io.kubemate.rag.model;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;

/** The JSON schema every LLM reply must follow, as langchain4j sends it ({@code format} / {@code response_format}). */
final class ReplySchema {
    static final String NAME = "IncidentSummary";

    private ReplySchema() {}

    static ResponseFormat responseFormat() {
        return ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name(NAME).rootElement(root()).build())
                .build();
    }

    private static JsonObjectSchema root() {
        JsonObjectSchema rootCause = JsonObjectSchema.builder()
                .addStringProperty("service", "one of the allowed services")
                .addStringProperty("reason", "why, citing ids in brackets")
                .required("service", "reason")
                .additionalProperties(false)
                .build();
        return JsonObjectSchema.builder()
                .addStringProperty("summary", "two to four sentences citing ids in brackets, e.g. [E3]")
                .addProperty("probableRootCause", rootCause)
                .addNumberProperty("confidence", "0 to 1")
                .addProperty("citations", strings("every id relied on, e.g. E3, S1, R2"))
                .addProperty("nextSteps", strings("short concrete actions, each citing an id"))
                .addProperty("similarIncidentIds", strings("ids (inc-...) of related similar incidents"))
                .required("summary", "probableRootCause", "confidence", "citations", "nextSteps", "similarIncidentIds")
                .additionalProperties(false)
                .build();
    }

    private static JsonArraySchema strings(String description) {
        return JsonArraySchema.builder()
                .description(description)
                .items(JsonStringSchema.builder().build())
                .build();
    }
}
