/**
 * The {@code headersync} subcommands (picocli): their flags, defaults and help, how they turn
 * flags into components, and how failures become one clear line and an exit code
 * ({@link io.headersync.node.cli.ExitCodes}).
 *
 * <p>Commands wire components together; the work itself lives in the modules below.
 */
package io.headersync.node.cli;
