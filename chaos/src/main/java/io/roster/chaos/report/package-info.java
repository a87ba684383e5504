/**
 * The checker's verdict: {@link io.roster.chaos.report.Report} with its figures, excused absences and
 * {@link io.roster.chaos.report.Violation}s, written by {@link io.roster.chaos.report.ReportWriter} as
 * {@code report.json} and {@code report.txt}.
 */
package io.roster.chaos.report;
