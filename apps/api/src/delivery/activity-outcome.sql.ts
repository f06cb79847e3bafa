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

/**
 * A WHERE clause keeping the attempts with one of these outcomes, written as plain conditions on the
 * columns (a rule holds and no earlier rule does, as the CASE decides) rather than over the CASE, so
 * the planner can use an index a condition matches (PENDING: the partial index on status).
 */
export function outcomeInSql(outcomes: readonly ActivityOutcome[], alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  const wanted = new Set(outcomes);
  // "Does not hold" must count a NULL (an attempt without delivery state) as not holding, as CASE does.
  const fails = (rule: OutcomeRule) => `(${condition(rule, column)}) IS NOT TRUE`;
  const cases = OUTCOME_RULES.flatMap((rule, i) =>
    wanted.has(rule.outcome) ? [[condition(rule, column), ...OUTCOME_RULES.slice(0, i).map(fails)].join(' AND ')] : [],
  );
  if (wanted.has(DEFAULT_OUTCOME)) cases.push(OUTCOME_RULES.map(fails).join(' AND '));
  return cases.length > 0 ? `(${cases.map((c) => `(${c})`).join(' OR ')})` : 'false';
}
