/**
 * The sync controller: chooses the header download strategy for each leg of a sync ({@link
 * io.headersync.sync.controller.StrategyChoice}: slices while shipped checkpoints reach beyond the
 * local head, reverse toward a trusted target, skeleton toward a target peers claim; or one forced
 * by {@link io.headersync.sync.controller.SyncControllerConfig}), builds that strategy's downloader
 * and the pipeline of stages over the store and the request scheduler, and reports where the sync
 * stands ({@link io.headersync.sync.controller.SyncStatus}, with every configured memory limit and
 * the most it held).
 *
 * <p>May use the download strategies, the stages, the peers package and the store interface;
 * never a transport, a particular store implementation, or the clock (everything runs on the
 * injected event loop).
 */
package io.headersync.sync.controller;
