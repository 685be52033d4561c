package io.kubemate.app.deploy;

import io.kubemate.app.deploy.ChartRenderer.Evaluator;
import io.kubemate.app.deploy.ChartRenderer.RenderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Go template pipeline ({@code .Values.a | default "x" | quote}, {@code include "name" .}, parentheses) and the
 * Helm functions the chart uses: include, default, quote, toYaml, nindent, indent, trunc, trimSuffix, printf (%s,
 * %v, %d), required, fail, not, and, or, contains, eq.
 */
final class Expression {
    private static final Object NONE = new Object();

    private final List<String> tokens;
    private final Evaluator evaluator;
    private final Object dot;
    private int next;

    Expression(String source, Evaluator evaluator, Object dot) {
        this.tokens = tokenize(source);
        this.evaluator = evaluator;
        this.dot = dot;
    }

    Object evaluate() {
        Object value = pipeline();
        if (next != tokens.size()) {
            throw new RenderException("unexpected " + tokens.get(next) + " in " + String.join(" ", tokens));
        }
        return value;
    }

    private Object pipeline() {
        Object value = command(NONE);
        while (next < tokens.size() && tokens.get(next).equals("|")) {
            next++;
            value = command(value);
        }
        return value;
    }

    private Object command(Object piped) {
        String first = tokens.get(next);
        if (isFunction(first)) {
            next++;
            List<Object> args = new ArrayList<>();
            while (next < tokens.size()
                    && !tokens.get(next).equals("|")
                    && !tokens.get(next).equals(")")) {
                args.add(term());
            }
            if (piped != NONE) {
                args.add(piped);
            }
            return call(first, args);
        }
        if (piped != NONE) {
            throw new RenderException("cannot pipe into " + first);
        }
        return term();
    }

    private Object term() {
        String token = tokens.get(next++);
        if (token.equals("(")) {
            Object value = pipeline();
            if (!")".equals(tokens.get(next++))) {
                throw new RenderException("missing ) in " + String.join(" ", tokens));
            }
            return value;
        }
        if (token.startsWith("\"")) {
            return token.substring(1, token.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (token.matches("-?\\d+")) {
            return Integer.parseInt(token);
        }
        if (token.equals("true") || token.equals("false")) {
            return Boolean.parseBoolean(token);
        }
        if (token.equals(".")) {
            return dot;
        }
        if (token.startsWith(".") || token.startsWith("$")) {
            return field(token);
        }
        throw new RenderException("unknown term " + token);
    }

    /** {@code .Values.a.b} from the context, {@code $.Values.a.b} from the root; every step must exist. */
    private Object field(String path) {
        Object current = path.startsWith("$") ? evaluator.root() : dot;
        String rest = path.startsWith("$") ? path.substring(1) : path;
        if (rest.isEmpty()) {
            return current;
        }
        StringBuilder walked = new StringBuilder();
        for (String key : rest.substring(1).split("\\.")) {
            walked.append('.').append(key);
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                throw new RenderException(
                        walked + " is not defined (values.yaml must define every value a" + " template reads)");
            }
            current = map.get(key);
        }
        return current;
    }

    private static boolean isFunction(String token) {
        return Character.isLetter(token.charAt(0)) && !token.equals("true") && !token.equals("false");
    }

    private Object call(String name, List<Object> args) {
        return switch (name) {
            case "include" -> evaluator.include((String) args.get(0), args.get(1));
            case "default" -> ChartRenderer.truthy(args.get(1)) ? args.get(1) : args.get(0);
            case "quote" -> '"'
                    + ChartRenderer.text(args.get(0)).replace("\\", "\\\\").replace("\"", "\\\"")
                    + '"';
            case "toYaml" -> ChartRenderer.toYaml(args.get(0));
            case "nindent" -> "\n" + indent((Integer) args.get(0), (String) args.get(1));
            case "indent" -> indent((Integer) args.get(0), (String) args.get(1));
            case "trunc" -> truncate((Integer) args.get(0), ChartRenderer.text(args.get(1)));
            case "trimSuffix" -> trimSuffix((String) args.get(0), ChartRenderer.text(args.get(1)));
            case "printf" -> printf((String) args.get(0), args.subList(1, args.size()));
            case "required" -> required((String) args.get(0), args.get(1));
            case "fail" -> throw new RenderException((String) args.get(0));
            case "not" -> !ChartRenderer.truthy(args.get(0));
            case "and" -> args.stream().allMatch(ChartRenderer::truthy);
            case "or" -> args.stream().anyMatch(ChartRenderer::truthy);
            case "contains" -> ChartRenderer.text(args.get(1)).contains(ChartRenderer.text(args.get(0)));
            case "eq" -> Objects.equals(String.valueOf(args.get(0)), String.valueOf(args.get(1)));
            default -> throw new RenderException(
                    "function " + name + " is outside the subset this test renders; keep the chart within it");
        };
    }

    private static Object required(String message, Object value) {
        if (!ChartRenderer.truthy(value)) {
            throw new RenderException(message);
        }
        return value;
    }

    private static String indent(int spaces, String text) {
        String pad = " ".repeat(spaces);
        return pad + text.replace("\n", "\n" + pad);
    }

    private static String truncate(int length, String text) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static String trimSuffix(String suffix, String text) {
        return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
    }

    private static String printf(String format, List<Object> args) {
        StringBuilder out = new StringBuilder();
        int arg = 0;
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length() && "svd".indexOf(format.charAt(i + 1)) >= 0) {
                out.append(ChartRenderer.text(args.get(arg++)));
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> tokenize(String source) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"') {
                int end = i + 1;
                while (source.charAt(end) != '"') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                tokens.add(source.substring(i, end + 1));
                i = end + 1;
            } else if ("()|".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int end = i;
                while (end < source.length()
                        && !Character.isWhitespace(source.charAt(end))
                        && "()|\"".indexOf(source.charAt(end)) < 0) {
                    end++;
                }
                tokens.add(source.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }
}
