/** Tests of progress reporting: moving-window rate, time left, the terminal bar, log lines and their JSON form. */
package io.headersync.node.progress;
