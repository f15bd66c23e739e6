/** Tests of header export: field values against {@code headersync header}'s JSON, the row formats, streaming. */
package io.headersync.node.export;
