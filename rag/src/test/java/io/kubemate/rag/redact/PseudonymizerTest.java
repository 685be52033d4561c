package io.kubemate.rag.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemate.rag.testing.RedactionCorpus;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {
    private static final Pattern PSEUDONYM = Pattern.compile("<(secret|email|ip):[0-9]+>");

    @Test
    void noPlantedSecretOrPersonalDataSurvivesTheCorpus() throws IOException {
        Pseudonymizer pseudonymizer = Pseudonymizer.forIncident();
        List<String> entries = corpus();
        List<String[]> planted = planted();

        List<String> redacted =
                entries.stream().map(pseudonymizer::pseudonymize).toList();

        String all = String.join("\n", redacted);
        for (String[] p : planted) {
            assertThat(all).as("planted %s", p[0]).doesNotContain(p[1]);
        }
        assertThat(PSEUDONYM.matcher(all).results().count()).isGreaterThanOrEqualTo(planted.size());
        assertThat(all).contains("payments-api:1.24.3", "db.prod.internal:5432/payments", "LOG_LEVEL=debug");
    }

    @Test
    void everyPlantedValueIsFoundInTheCorpusSoTheCorpusTestsSomething() throws IOException {
        String all = String.join("\n", corpus());

        assertThat(planted()).allSatisfy(p -> assertThat(all).contains(p[1]));
    }

    @Test
    void theSameValueGetsTheSamePseudonymWithinAScopeAndDifferentValuesDifferentOnes() {
        Pseudonymizer pseudonymizer = Pseudonymizer.forIncident();

        String first = pseudonymizer.pseudonymize("password=alpha-one user=a@example.com");
        String second = pseudonymizer.pseudonymize("token=beta-two; again password=alpha-one, mail b@example.com");
        String third = pseudonymizer.pseudonymize("Authorization: Bearer alpha-one from a@example.com");

        assertThat(first).isEqualTo("password=<secret:1> user=<email:1>");
        assertThat(second).isEqualTo("token=<secret:2>; again password=<secret:1>, mail <email:2>");
        assertThat(third).isEqualTo("Authorization: Bearer <secret:1> from <email:1>");
        assertThat(pseudonymizer.size()).isEqualTo(4);
    }

    @Test
    void aNewScopeStartsItsOwnNumbering() {
        Pseudonymizer one = Pseudonymizer.forIncident();
        Pseudonymizer other = Pseudonymizer.forIncident();
        one.pseudonymize("password=first");

        assertThat(other.pseudonymize("password=second")).isEqualTo("password=<secret:1>");
    }

    @Test
    void personalDataKindsAreSwitchedOnOneByOne() {
        String text = "from bob@example.com at 10.1.2.3 and 2001:db8::1 with password=pw12345";

        assertThat(new Pseudonymizer(Set.of()).pseudonymize(text))
                .isEqualTo("from bob@example.com at 10.1.2.3 and 2001:db8::1 with password=<secret:1>");
        assertThat(new Pseudonymizer(EnumSet.of(PiiKind.IPV4)).pseudonymize(text))
                .isEqualTo("from bob@example.com at <ip:1> and 2001:db8::1 with password=<secret:1>");
        assertThat(new Pseudonymizer(EnumSet.of(PiiKind.EMAIL, PiiKind.IPV6)).pseudonymize(text))
                .isEqualTo("from <email:1> at 10.1.2.3 and <ip:1> with password=<secret:1>");
    }

    @Test
    void countsReplacementsByKind() {
        Redacted r = Pseudonymizer.forIncident()
                .redact("password=x1 password=x1 token=y2 AKIAIOSFODNN7EXAMPLE 10.0.0.1 c@d.io ghp_"
                        + "1A2b3C4d5E6f7G8h9I0jKlMnOpQrStUvWxYz");

        assertThat(r.sortedCounts())
                .containsEntry("password", 2)
                .containsEntry("token", 1)
                .containsEntry("aws-access-key", 1)
                .containsEntry("ipv4", 1)
                .containsEntry("email", 1)
                .containsEntry("github-token", 1);
        assertThat(r.total()).isEqualTo(7);
    }

    @Test
    void pseudonymizingTwiceChangesNothing() {
        Pseudonymizer pseudonymizer = Pseudonymizer.forIncident();
        String once = pseudonymizer.pseudonymize(
                "password=alpha-one token: \"beta-two\" Authorization: Basic Zm9vOmJhcg== x@y.io 10.0.0.1");

        assertThat(pseudonymizer.pseudonymize(once)).isEqualTo(once);
        assertThat(pseudonymizer.size()).isEqualTo(5);
    }

    @Test
    void aKnownSecretIsReplacedWhereverItAppearsLater() {
        Pseudonymizer pseudonymizer = Pseudonymizer.forIncident();
        pseudonymizer.pseudonymize("DB_PASSWORD=correct-horse-battery");

        assertThat(pseudonymizer.pseudonymize("login with correct-horse-battery failed"))
                .isEqualTo("login with <secret:1> failed");
    }

    @Test
    void leavesVersionsTimesAndMacAddressesAlone() {
        String text = "image app:1.2.3.4.5 at 12:30:45 on 00:1a:2b:3c:4d:5e build 10.0 ratio 0.95";

        assertThat(Pseudonymizer.forIncident().pseudonymize(text)).isEqualTo(text);
    }

    private static List<String> corpus() {
        return RedactionCorpus.entries();
    }

    private static List<String[]> planted() {
        return RedactionCorpus.planted();
    }
}
