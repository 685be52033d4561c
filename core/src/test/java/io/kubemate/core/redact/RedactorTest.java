package io.kubemate.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RedactorTest {
    private final Redactor redactor = new Redactor();

    @Test
    void vendorTokensAreRecognisedByTheirPrefix() {
        String github = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
        String slack = "xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";

        String out = redactor.redact("cloning with " + github + " then posting with " + slack + " to #ops");

        assertThat(out)
                .isEqualTo("cloning with [REDACTED:github-token] then posting with [REDACTED:slack-token] to #ops");
        assertThat(redactor.redact("the ghost of xoxo")).isEqualTo("the ghost of xoxo");
    }

    @Test
    void masksBearerAndBasicAuthorizationHeadersKeepingTheScheme() {
        assertThat(redactor.redact("GET /x Authorization: Bearer abc.DEF-123_456~xyz host=a"))
                .isEqualTo("GET /x Authorization: Bearer [REDACTED:bearer] host=a");
        assertThat(redactor.redact("authorization=\"Basic dXNlcjpwYXNzd29yZA==\""))
                .isEqualTo("authorization=\"Basic [REDACTED:basic]\"");
        assertThat(redactor.redact("proxy-authorization: Negotiate YIIFzQYGKwYBBQUCoIIFwTCCBb2gMDAu"))
                .isEqualTo("proxy-authorization: Negotiate [REDACTED:negotiate]");
        assertThat(redactor.redact("curl -H 'bearer sk_live_51HxYzAbCdEfGh' https://api"))
                .isEqualTo("curl -H 'bearer [REDACTED:bearer]' https://api");
    }

    @Test
    void masksPasswordsAndTokensInEveryKeyValueForm() {
        assertThat(redactor.redact("login user=bob password=hunter2 ok"))
                .isEqualTo("login user=bob password=[REDACTED:password] ok");
        assertThat(redactor.redact("DB_PASSWORD: s3cr3t!")).isEqualTo("DB_PASSWORD: [REDACTED:password]");
        assertThat(redactor.redact("{\"user\":\"bob\",\"password\":\"p@ss \\\"quoted\\\" word\",\"n\":1}"))
                .isEqualTo("{\"user\":\"bob\",\"password\":\"[REDACTED:password]\",\"n\":1}");
        assertThat(redactor.redact("{'clientSecret': 'abc def'}")).isEqualTo("{'clientSecret': '[REDACTED:secret]'}");
        assertThat(redactor.redact("passwd=x&api_key=AbC123&apikey=zz&token=t0k3n; pwd=letmein"))
                .isEqualTo("passwd=[REDACTED:password]&api_key=[REDACTED:api-key]&apikey=[REDACTED:api-key]"
                        + "&token=[REDACTED:token]; pwd=[REDACTED:password]");
        assertThat(redactor.redact("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .isEqualTo("aws_secret_access_key = [REDACTED:secret]");
    }

    @Test
    void leavesThingsThatOnlyLookLikeSecretsAlone() {
        String sudo = "sudo: bob : TTY=pts/0 ; PWD=/home/bob ; USER=root ; COMMAND=/bin/ls";
        assertThat(redactor.redact(sudo)).isEqualTo(sudo);
        String plain = "Failed password for invalid user admin from 10.0.0.1 port 22 ssh2";
        assertThat(redactor.redact(plain)).isEqualTo(plain);
        String masked = "password=******** token=[REDACTED:token]";
        assertThat(redactor.redact(masked)).isEqualTo(masked);
        String epochMillis = "ts=1710165737123 order=4111111111111112 id=12345678901234";
        assertThat(redactor.redact(epochMillis)).isEqualTo(epochMillis);
    }

    @Test
    void masksAwsKeysJwtsAndPrivateKeyBlocks() {
        assertThat(redactor.redact("using AKIAIOSFODNN7EXAMPLE for s3"))
                .isEqualTo("using [REDACTED:aws-access-key] for s3");
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assertThat(redactor.redact("cookie session=" + jwt + "; path=/"))
                .isEqualTo("cookie session=[REDACTED:jwt]; path=/");
        String pem =
                "key loaded -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nabc\n-----END RSA PRIVATE KEY----- done";
        assertThat(redactor.redact(pem)).isEqualTo("key loaded [REDACTED:private-key] done");
        assertThat(redactor.redact("cut -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXkt"))
                .isEqualTo("cut [REDACTED:private-key]");
        String cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
        assertThat(redactor.redact(cert)).isEqualTo(cert);
    }

    @Test
    void masksConnectionStringPasswordsKeepingTheUser() {
        assertThat(redactor.redact("connecting to postgres://app:Sup3r:S3cret@db.internal:5432/shop"))
                .isEqualTo("connecting to postgres://app:[REDACTED:password]@db.internal:5432/shop");
        assertThat(redactor.redact("amqp://guest:guest@rabbit/")).isEqualTo("amqp://guest:[REDACTED:password]@rabbit/");
        String noPassword = "https://example.com/a@b";
        assertThat(redactor.redact(noPassword)).isEqualTo(noPassword);
    }

    @Test
    void masksLongTokensWrittenAfterATokenLikeKey() {
        assertThat(redactor.redact("X-Api-Key 3f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"))
                .isEqualTo("X-Api-Key [REDACTED:token]");
        String shortWord = "token expired for user bob";
        assertThat(redactor.redact(shortWord)).isEqualTo(shortWord);
    }

    @Test
    void masksCardNumbersThatPassLuhnOnly() {
        assertThat(redactor.redact("card 4111 1111 1111 1111 charged")).isEqualTo("card [REDACTED:card] charged");
        assertThat(redactor.redact("pan=5500-0000-0000-0004;")).isEqualTo("pan=[REDACTED:card];");
        assertThat(redactor.redact("amex 378282246310005.")).isEqualTo("amex [REDACTED:card].");
        assertThat(redactor.redact("not luhn 4111111111111112")).isEqualTo("not luhn 4111111111111112");
        assertThat(redactor.redact("part of id ab4111111111111111")).isEqualTo("part of id ab4111111111111111");
    }

    @Test
    void masksEmailsOnlyWhenAskedTo() {
        assertThat(redactor.redact("mail to alice@example.com")).isEqualTo("mail to alice@example.com");
        assertThat(Redactor.withEmails().redact("mail to alice.b+x@mail.example.com now"))
                .isEqualTo("mail to [REDACTED:email] now");
    }

    @Test
    void handlesNullEmptyAndRedactsSeveralSecretsInOneLine() {
        assertThat(redactor.redact(null)).isEmpty();
        assertThat(redactor.redact("")).isEmpty();
        assertThat(redactor.redact("a password=x b Authorization: Bearer yyyyyyyyyy c AKIAIOSFODNN7EXAMPLE"))
                .isEqualTo("a password=[REDACTED:password] b Authorization: Bearer [REDACTED:bearer] c"
                        + " [REDACTED:aws-access-key]");
    }

    @Test
    @Timeout(30) // a hang guard against catastrophic backtracking, not a speed target
    void staysLinearOnHostileInput() {
        // long runs that make naive patterns backtrack: key-like words without a separator, unclosed quotes, digits
        String hostile = "password".repeat(20_000) + " \"password\":\"" + "\\\"".repeat(50_000) + " "
                + "a-".repeat(50_000) + "://" + "x:".repeat(30_000) + " " + "4 ".repeat(40_000) + "eyJ".repeat(30_000)
                + "-----BEGIN ".repeat(5_000);
        String out = redactor.redact(hostile);
        assertThat(out).isNotEmpty();
    }

    @Test
    void handsEachSecretWithItsKindToTheReplacementInOrder() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

        String out = Redactor.withEmails()
                .redact(
                        "a=" + jwt
                                + " password=hunter2 db=postgres://app:pa55@db/x to bob@example.com AKIAIOSFODNN7EXAMPLE",
                        (kind, secret) -> {
                            seen.add(kind + "=" + secret);
                            return "<" + seen.size() + ">";
                        });

        assertThat(out).isEqualTo("a=<1> password=<2> db=postgres://app:<3>@db/x to <4> <5>");
        assertThat(seen)
                .containsExactly(
                        "jwt=" + jwt,
                        "password=hunter2",
                        "password=pa55",
                        "email=bob@example.com",
                        "aws-access-key=AKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void aSecretThatSwallowedAnEarlierOneIsHandedOverWhole() {
        String out = redactor.redact("password=x-AKIAIOSFODNN7EXAMPLE,y", (kind, secret) -> kind + "(" + secret + ")");

        assertThat(out).isEqualTo("password=password(x-AKIAIOSFODNN7EXAMPLE),y");
    }

    @Test
    void masksSecretsInJsonEscapedInsideAJsonString() {
        assertThat(redactor.redact("{\"description\":\"last {\\\"db.password\\\":\\\"Tr0ub4dor&3\\\"} ok\"}"))
                .isEqualTo("{\"description\":\"last {\\\"db.password\\\":\\\"[REDACTED:password]\\\"} ok\"}");
    }
}
