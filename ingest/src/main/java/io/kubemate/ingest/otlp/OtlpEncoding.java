package io.kubemate.ingest.otlp;

import java.util.Locale;
import java.util.Optional;

/** The two encodings of an OTLP message: binary protobuf and OTLP's JSON mapping. */
public enum OtlpEncoding {
    /** {@code application/x-protobuf}; the Collector's kafka exporter calls it {@code otlp_proto}. */
    PROTOBUF("application/x-protobuf", "otlp_proto"),
    /** {@code application/json} with OTLP's JSON rules; the Collector's kafka exporter calls it {@code otlp_json}. */
    JSON("application/json", "otlp_json");

    private final String mediaType;
    private final String kafkaName;

    OtlpEncoding(String mediaType, String kafkaName) {
        this.mediaType = mediaType;
        this.kafkaName = kafkaName;
    }

    /** The media type OTLP/HTTP uses for it (requests and responses). */
    public String mediaType() {
        return mediaType;
    }

    /** The encoding of a {@code Content-Type} header value (parameters ignored), or empty when it is neither. */
    public static Optional<OtlpEncoding> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        for (OtlpEncoding encoding : values()) {
            if (encoding.mediaType.equals(media)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }

    /**
     * The encoding named like the Collector's kafka exporter names it.
     *
     * @throws IllegalArgumentException for anything but {@code otlp_proto} and {@code otlp_json}
     */
    public static OtlpEncoding ofKafkaEncoding(String name) {
        for (OtlpEncoding encoding : values()) {
            if (encoding.kafkaName.equals(name)) {
                return encoding;
            }
        }
        throw new IllegalArgumentException("unsupported OTLP kafka encoding '" + name + "': otlp_proto or otlp_json");
    }
}
