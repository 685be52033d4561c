package io.kubemate.webhooks.fuzz;

import java.util.Map;

/**
 * One request of a fuzz run.
 *
 * @param index its number in the run: with the seed, enough to generate it again
 * @param contentType the {@code Content-Type} sent, {@code null} for none
 * @param contentEncoding the {@code Content-Encoding} sent, {@code null} for none
 * @param headers further headers (CloudEvents binary mode)
 * @param body the bytes on the wire
 * @param decoded what the parser sees once the content encoding is undone
 * @param chunked sent without a declared length
 */
record FuzzCase(
        int index,
        String kind,
        String contentType,
        String contentEncoding,
        Map<String, String> headers,
        byte[] body,
        byte[] decoded,
        boolean chunked,
        Expect expect) {

    @Override
    public String toString() {
        return "case " + index + " (" + kind + ", " + body.length + " bytes, Content-Type " + contentType
                + ", Content-Encoding " + contentEncoding + (chunked ? ", chunked" : "") + ", expected " + expect + ")";
    }
}
