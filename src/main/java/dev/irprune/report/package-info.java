/** Result records and files: the data_stats line, JSON, CSV and charts. */
package dev.irprune.report;
