package io.kubemate.slack.message;

import com.google.gson.Gson;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.util.json.GsonFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * A message as it should look: the notification text and the Block Kit blocks.
 *
 * @param text the fallback and notification text
 * @param blocks the blocks
 */
public record SlackMessage(String text, List<LayoutBlock> blocks) {
    private static final Gson GSON = GsonFactory.createSnakeCase();

    public SlackMessage {
        Objects.requireNonNull(text, "text");
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }

    /** The blocks as Slack's JSON. */
    public String blocksJson() {
        return GSON.toJson(blocks);
    }

    /** A digest of everything shown: two renderings that look the same have the same digest. */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(text.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(blocksJson().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
