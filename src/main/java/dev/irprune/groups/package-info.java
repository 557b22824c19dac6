/** Channel groups: which output channels of a network graph must be removed together (engine-free). */
package dev.irprune.groups;
