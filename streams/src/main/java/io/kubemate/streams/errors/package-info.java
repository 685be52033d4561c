/**
 * The failure policy of Kubemate's streams. A record must neither stop the application nor disappear:
 *
 * <ul>
 *   <li><b>Cannot be read</b> (bad bytes, wrong JSON): {@link DeadLetterDeserializationHandler} sends the original
 *       key, value and headers to the dead-letter topic with error headers and the stream continues.
 *   <li><b>Fails in a processor</b> (a bug, a record our rules do not expect): {@link DeadLetterProcessingHandler}
 *       does the same with the source record's raw bytes. State changes the processor made before failing stay.
 *   <li><b>Cannot be produced</b>: {@link DeadLetterProductionHandler} dead-letters a record that is too large
 *       (key and error headers only, the value would be too large again) and continues; every other production
 *       error fails the task, because losing an incident update silently is worse than a visible restart.
 *   <li><b>Anything that escapes</b> a stream thread: {@link FailurePolicy#uncaughtExceptionHandler()} logs it and
 *       replaces the thread ({@code REPLACE_THREAD}); with exactly-once the task restarts from its last commit, so
 *       nothing is half-applied. A fatal error that repeats therefore repeats visibly in logs and metrics rather
 *       than shutting the client down.
 * </ul>
 *
 * <p>Dead-letter records carry the headers named in {@link FailurePolicy} plus the original record's headers. The
 * topic name is read from the streams configuration key {@value FailurePolicy#DEAD_LETTER_TOPIC_CONFIG}.
 */
package io.kubemate.streams.errors;
