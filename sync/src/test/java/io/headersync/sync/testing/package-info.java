/**
 * Test doubles shared by the sync module's tests: {@link io.headersync.sync.testing.ManualScheduler},
 * the event loop whose clock moves only when a test moves it.
 *
 * <p>Lives in test code only and may use nothing but the sync module's public time interfaces
 * ({@code io.headersync.sync.time}); it knows no strategy, peer or store, so every package's tests
 * can drive their code on the same loop. Hand-written rather than a mocking library because the
 * tests need a real ordering of due time then submission, exactly as {@code TaskScheduler} promises.
 */
package io.headersync.sync.testing;
