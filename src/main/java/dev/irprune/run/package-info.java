/** One run's context: device, engine threads and seed, engine managers, interruption, versions and machine provenance. */
package dev.irprune.run;
