import { ACTIVITY_STATUSES, CHANNELS, type ActivityStatus, type Channel } from '@otc/contracts';
import type { ActivityFilters } from '../api/get-activity';

export interface TokenOption {
  id: string;
  label: string;
}

interface ActivityFiltersProps {
  value: ActivityFilters;
  tokens: TokenOption[];
  onChange: (filters: ActivityFilters) => void;
}

/** datetime-local values are local time; the API wants ISO instants. */
function toIso(local: string): string | undefined {
  if (!local) return undefined;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toLocal(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const offset = date.getTimezoneOffset() * 60_000;
  return new Date(date.getTime() - offset).toISOString().slice(0, 16);
}

export function ActivityFiltersBar({ value, tokens, onChange }: ActivityFiltersProps) {
  const set = (patch: Partial<ActivityFilters>) => onChange({ ...value, ...patch });
  return (
    <form className="filters" aria-label="Activity filters" onSubmit={(e) => e.preventDefault()}>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" value={value.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as ActivityStatus | undefined })}>
          <option value="">All statuses</option>
          {ACTIVITY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-channel">Channel</label>
        <select id="filter-channel" value={value.channel ?? ''} onChange={(e) => set({ channel: (e.target.value || undefined) as Channel | undefined })}>
          <option value="">All channels</option>
          {CHANNELS.map((c) => (
            <option key={c} value={c}>
              {c === 'SMS' ? 'SMS' : 'Voice'}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-token">Token</label>
        <select id="filter-token" value={value.tokenId ?? ''} onChange={(e) => set({ tokenId: e.target.value || undefined })}>
          <option value="">All tokens</option>
          {tokens.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-from">From</label>
        <input id="filter-from" type="datetime-local" value={toLocal(value.from)} onChange={(e) => set({ from: toIso(e.target.value) })} />
      </div>
      <div className="field">
        <label htmlFor="filter-to">To</label>
        <input id="filter-to" type="datetime-local" value={toLocal(value.to)} onChange={(e) => set({ to: toIso(e.target.value) })} />
      </div>
      <button type="button" className="button" onClick={() => onChange({})}>
        Clear filters
      </button>
    </form>
  );
}
