/**
 * The checker: {@link io.roster.chaos.check.Checker} judges a history under
 * {@link io.roster.chaos.check.CheckerOptions} and gives a {@link io.roster.chaos.report.Report}. One class per
 * check (completeness, regression, ghost, convergence), over indexes of the history built once; everything but
 * the two public classes is internal.
 */
package io.roster.chaos.check;
