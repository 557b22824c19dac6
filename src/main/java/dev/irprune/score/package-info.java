/** Engine-free metrics on plain arrays: the seed's entropy and the correlation of filter outputs. */
package dev.irprune.score;
