export type BadgeTone = 'success' | 'danger' | 'warning' | 'blocked' | 'neutral' | 'info';

export function Badge({ tone, children }: { tone: BadgeTone; children: string }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
