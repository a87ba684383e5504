/** Implementation, not API: receiving session pushes and delivering them to listeners on one thread. */
package io.roster.client.push;
