import type { FraudAlertSubject } from '@otc/contracts';

/** What a person reads: one line, masked fields only, and where to act on it. */
export function alertText(subject: FraudAlertSubject, publicUrl: string): string {
  const page = `${publicUrl}/fraud`;
  if (subject.kind === 'REFUSAL_OPENED') {
    return `Fraud guard is refusing ${subject.scopeLabel} (${subject.reasonCode}) on token ${subject.tokenId} until ${subject.until}: ${subject.evidence}. Lift or trust it at ${page}`;
  }
  if (subject.kind === 'SPEND_CAP_REACHED') {
    return `Token ${subject.tokenId} reached its monthly spend cap: estimated spend in ${subject.period} is ${subject.spend.toFixed(2)} ${subject.currency}, cap ${subject.cap.toFixed(2)} ${subject.currency}. Its sends are refused (SPEND_CAP_REACHED) until the month ends or the cap is raised at ${publicUrl}/tokens/${subject.tokenId}`;
  }
  const scope = subject.tokenId ? `token ${subject.tokenId}` : 'all tokens';
  return `Estimated spend of ${scope} in the ${subject.period} period is ${subject.spend.toFixed(2)} ${subject.currency}, past the alert threshold of ${subject.threshold.toFixed(2)} ${subject.currency}. See ${page}`;
}

/** The request body: Slack's incoming-webhook `{ text }`, or the alert's own fields for `json`. */
export function alertBody(format: 'slack' | 'json', alert: { id: string; createdAt: Date; subject: FraudAlertSubject }, publicUrl: string): Record<string, unknown> {
  const text = alertText(alert.subject, publicUrl);
  if (format === 'slack') return { text };
  // `id` is stable across retries, so a receiver can drop a repeat of an attempt that timed out late.
  return { id: alert.id, at: alert.createdAt.toISOString(), text, ...alert.subject };
}
