package io.kubemate.webhooks.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Problem bodies for the errors Jetty answers itself, before a request reaches Javalin (malformed URIs, oversized
 * headers, ...), so that every error of the edge has the same shape. Never echoes the request or a cause.
 */
final class ProblemErrorHandler extends ErrorHandler {
    private final ProblemMapper problems;

    ProblemErrorHandler(ProblemMapper problems) {
        this.problems = problems;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        byte[] body = problems.toBytes(ProblemMapper.problem(code, HttpStatus.getMessage(code), path));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        return ByteBuffer.wrap(problems.toBytes(ProblemMapper.problem(status, HttpStatus.getMessage(status), null)));
    }
}
