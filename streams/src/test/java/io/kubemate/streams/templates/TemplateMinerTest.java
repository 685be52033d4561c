package io.kubemate.streams.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemate.core.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class TemplateMinerTest {
    private final TemplateMiner miner = new TemplateMiner();

    @Test
    void masksNumbersIdsAddressesDurationsPathsAndUrlsBeforeSearching() {
        Match m = miner.add("2024-03-11T14:02:17.123Z req 6f1c2d4e-9b7a-4c3d-8e2f-1a2b3c4d5e6f from 10.1.2.3 and"
                + " fe80::1ff:fe23:4567:890a took 12ms then 1.5s id=0xdeadbeef file /var/log/app.log url"
                + " https://example.com/a mail bob@example.com port 8080");
        assertThat(m.template())
                .isEqualTo("<*> req <*> from <*> and <*> took <*> then <*> id=<*> file <*> url <*> mail <*> port <*>");
        assertThat(m.created()).isTrue();
        assertThat(m.id()).isEqualTo("T1");
    }

    @Test
    void keepsKeysNamesBeforeBracketsAndSourceLocations() {
        Match m = miner.add("Mar  9 23:58:10 web sshd[49113]: accepted user=alice uid=1000 kubelet.go:2458]");
        assertThat(m.template()).isEqualTo("Mar <*> <*> web sshd[<*>]: accepted user=alice uid=<*> kubelet.go:2458]");
    }

    @Test
    void generalisesDifferingTokensAndKeepsTheTemplateIdStable() {
        Match first = miner.add("Accepted password for alice from 10.0.0.1 port 5000 ssh2");
        Match second = miner.add("Accepted password for bob from 10.0.0.2 port 5001 ssh2");
        Match third = miner.add("Accepted password for carol from 10.0.0.3 port 5002 ssh2");

        assertThat(first.template()).isEqualTo("Accepted password for alice from <*> port <*> ssh2");
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(second.created()).isFalse();
        assertThat(second.template()).isEqualTo("Accepted password for <*> from <*> port <*> ssh2");
        assertThat(third.id()).isEqualTo(first.id());
        assertThat(miner.size()).isEqualTo(1);
        assertThat(miner.lines(first.number())).isEqualTo(3);
    }

    @Test
    void keepsTheKeyWhenAValueGeneralises() {
        miner.add("level=info msg=\"user logged in\" user=alice method=oidc");
        Match m = miner.add("level=info msg=\"user logged in\" user=bob method=password");
        assertThat(m.template()).isEqualTo("level=info msg=\"user logged in\" user=<*> method=<*>");
    }

    @Test
    void separatesLinesWhoseMessagesDiffer() {
        Match a = miner.add("2024-03-11 14:02:17.123 UTC [123] LOG:  checkpoint starting: time");
        Match b = miner.add("2024-03-11 14:02:18.123 UTC [124] LOG:  database system is ready");
        Match c = miner.add("I0311 14:02:17.123456    1234 kubelet.go:2458] \"SyncLoop ADD\" source=\"api\"");
        Match d = miner.add("I0311 14:02:17.123456    1234 kubelet.go:2465] \"SyncLoop UPDATE\" source=\"api\"");
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(c.id()).isNotEqualTo(d.id());
    }

    @Test
    void readsJsonLinesFieldByFieldAndSplitsTheMessageIntoWords() {
        Match m =
                miner.add("{\"level\":\"info\",\"ts\":1710028690.19,\"msg\":\"Order 42 shipped\",\"city\":\"Berlin\"}");
        assertThat(m.template())
                .isEqualTo("\"level\":\"info\" \"ts\":<*> \"msg\":\"Order <*> shipped\" \"city\":\"Berlin\"");
    }

    @Test
    void keepsQuotedStringsAndBracketGroupsAsOneToken() {
        Match m = miner.add("sync done err=\"dial tcp: connection refused\" pods=[a b c] at Foo.bar(Unknown Source)");
        Match n = miner.add("sync done err=\"dial tcp: connection refused\" pods=[d] at Foo.baz(Native Method)");
        assertThat(n.id()).isEqualTo(m.id());
        assertThat(n.template()).isEqualTo("sync done err=\"dial tcp: connection refused\" pods=<*> at <*>");
    }

    @Test
    void groupsFreeTextOfVaryingLengthAfterALabelIntoOneTailTemplate() {
        String prefix = "2024-03-11 14:02:17.123 UTC [42] bob@shop LOG:  duration: 1.5 ms  statement: ";
        Match select = miner.add(prefix + "SELECT * FROM orders WHERE id = 7");
        Match again = miner.add(prefix + "SELECT * FROM carts WHERE id = 8");
        Match commit = miner.add(prefix + "COMMIT");
        Match insert = miner.add(prefix + "INSERT INTO orders (id, total) VALUES ($1, $2)");

        assertThat(again.id()).isEqualTo(select.id());
        assertThat(commit.id()).isEqualTo(select.id()).isEqualTo(insert.id());
        assertThat(insert.template()).isEqualTo("<*> <*> UTC [<*>] bob@shop LOG: duration: <*> ms statement: <*>");
        assertThat(miner.resolve(select.number())).isEqualTo(select.number());
        assertThat(miner.size()).isEqualTo(1);
    }

    @Test
    void mergesTemplatesOfOtherLengthsIntoANewTailTemplateAndResolvesTheirIds() {
        Match three = miner.add("job 1 failed: disk full now");
        miner.add("job 2 failed: disk full now");
        Match one = miner.add("job 3 failed: quota exceeded for tenant acme today");
        Match two = miner.add("job 4 failed: timeout");

        assertThat(one.id()).isEqualTo(three.id());
        assertThat(two.id()).isEqualTo(three.id());
        assertThat(miner.template(three.number())).contains("job <*> failed: <*>");
        assertThat(miner.lines(three.number())).isEqualTo(4);
    }

    @Test
    void keepsDifferentWordsInTheMiddleApartWhenNoLabelIntroducesThem() {
        Match opened = miner.add("web sshd[1]: session opened for user alice(uid=1000) by (uid=0)");
        Match closed = miner.add("web sshd[2]: session closed for user alice");
        assertThat(opened.id()).isNotEqualTo(closed.id());
    }

    @Test
    void matchFindsTheTemplateWithoutLearning() {
        Match learned = miner.add("Removed session 17.");
        Match matched = miner.match("Removed session 18.");
        Match unknown = miner.match("something else entirely happened here");

        assertThat(matched.id()).isEqualTo(learned.id());
        assertThat(matched.created()).isFalse();
        assertThat(unknown.isMatched()).isFalse();
        assertThat(unknown.id()).isEmpty();
        assertThat(miner.size()).isEqualTo(1);
        assertThat(miner.lines(learned.number())).isEqualTo(1);
    }

    @Test
    void sendsLinesToTheOverflowTemplateOnceFull() {
        TemplateMiner small = new TemplateMiner(MinerSettings.defaults().withMaxTemplates(2));
        small.add("alpha one");
        small.add("beta two three");
        Match overflow = small.add("gamma four five six");
        Match known = small.add("alpha one");

        assertThat(overflow.overflow()).isTrue();
        assertThat(overflow.id()).isEqualTo(Match.OVERFLOW_ID);
        assertThat(overflow.template()).isEqualTo(Match.OVERFLOW_TEMPLATE);
        assertThat(known.overflow()).isFalse();
        assertThat(small.size()).isEqualTo(2);
        assertThat(small.overflowLines()).isEqualTo(1);
    }

    @Test
    void boundsTheTokensOfALongLine() {
        Match m = miner.add("word ".repeat(1_000));
        assertThat(m.template().split(" ")).hasSize(MinerSettings.defaults().maxTokens());
        assertThat(m.template()).endsWith("word <*>");
    }

    @Test
    void handlesEmptyAndBlankLines() {
        Match empty = miner.add("");
        Match blank = miner.add("   \t ");
        assertThat(empty.id()).isEqualTo(blank.id());
        assertThat(empty.template()).isEmpty();
    }

    @Test
    void rejectsSettingsOutOfRangeNamingTheField() {
        assertThatThrownBy(() -> MinerSettings.defaults().withSimilarity(1.5))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("/similarity");
        assertThatThrownBy(() -> MinerSettings.defaults().withMaxTemplates(0))
                .isInstanceOf(InvalidInputException.class);
    }
}
