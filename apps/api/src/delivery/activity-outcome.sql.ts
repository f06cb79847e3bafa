import { DEFAULT_OUTCOME, OUTCOME_RULES } from '@otc/contracts';
import type { ActivityOutcome, OutcomeRule } from '@otc/contracts';

// Every literal below comes from the contracts' enums; the check keeps it that way.
function literal(value: string): string {
  if (!/^[A-Z_]+$/.test(value)) throw new Error(`Not an enum literal: ${value}`);
  return `'${value}'`;
}

function condition(rule: OutcomeRule, column: (name: string) => string): string {
  const parts: string[] = [];
  if (rule.status) parts.push(`${column('status')} IN (${rule.status.map(literal).join(', ')})`);
  if (rule.deliveryState) parts.push(`${column('delivery_state')} IN (${rule.deliveryState.map(literal).join(', ')})`);
  if (rule.reasonPrefix) parts.push(`left(${column('reason_code')}, ${rule.reasonPrefix.length}) = ${literal(rule.reasonPrefix)}`);
  return parts.join(' AND ');
}

/**
 * The SQL twin of `activityOutcome` (libs/contracts), built from the same rule table, so the database
 * counts exactly what the badges say (activity-outcome.sql.integration.spec.ts proves it row by row).
 */
export function outcomeSql(alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  const whens = OUTCOME_RULES.map((rule) => `WHEN ${condition(rule, column)} THEN ${literal(rule.outcome)}`);
  return `(CASE ${whens.join(' ')} ELSE ${literal(DEFAULT_OUTCOME)} END)`;
}

/** A WHERE clause keeping the attempts with one of these outcomes. */
export function outcomeInSql(outcomes: readonly ActivityOutcome[], alias?: string): string {
  return `${outcomeSql(alias)} IN (${outcomes.map(literal).join(', ')})`;
}
