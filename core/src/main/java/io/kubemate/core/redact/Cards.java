package io.kubemate.core.redact;

/** Payment card numbers by hand: 13–19 digits, single spaces or dashes between groups, first digit 2–6, Luhn valid. */
final class Cards {
    private Cards() {}

    static String redact(String text, Mask mask) {
        StringBuilder sb = null;
        int last = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < '2' || c > '6' || (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1)))) {
                i++;
                continue;
            }
            int digits = 0;
            int j = i;
            int end = i;
            while (j < n && digits < 20) {
                char d = text.charAt(j);
                if (d >= '0' && d <= '9') {
                    digits++;
                    end = ++j;
                } else if ((d == ' ' || d == '-') && j + 1 < n && isDigit(text.charAt(j + 1)) && j > i) {
                    j++;
                } else {
                    break;
                }
            }
            boolean bounded = end >= n || !Character.isLetterOrDigit(text.charAt(end));
            if (digits >= 13 && digits <= 19 && bounded && luhn(text, i, end)) {
                if (sb == null) {
                    sb = new StringBuilder(n);
                }
                sb.append(text, last, i).append(mask.apply("card", text.substring(i, end)));
                last = end;
                i = end;
            } else {
                i = Math.max(i + 1, skipDigits(text, i));
            }
        }
        return sb == null ? text : sb.append(text, last, n).toString();
    }

    private static int skipDigits(String text, int i) {
        while (i < text.length() && isDigit(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean luhn(String text, int from, int to) {
        int sum = 0;
        boolean doubled = false;
        for (int k = to - 1; k >= from; k--) {
            char c = text.charAt(k);
            if (!isDigit(c)) {
                continue;
            }
            int d = c - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
