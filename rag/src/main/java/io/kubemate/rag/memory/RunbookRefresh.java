package io.kubemate.rag.memory;

/**
 * What one {@link Runbooks#refresh()} did.
 *
 * @param indexed files (re)indexed because they are new or their content changed
 * @param unchanged files left as they were
 * @param removed files gone since the last refresh, their chunks deleted
 * @param chunks chunks written
 */
public record RunbookRefresh(int indexed, int unchanged, int removed, int chunks) {}
