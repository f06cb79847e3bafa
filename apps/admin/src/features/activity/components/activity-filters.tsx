import { useState } from 'react';
import { ACTIVITY_OUTCOMES, CHANNELS, COUNTER_GROUPS, OUTCOME_LABELS } from '@otc/contracts';
import { TokenOptions } from '../../../components/token-options';
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

/** The outcome choices: each single outcome, plus the groups the dashboard counters open. */
export const OUTCOME_CHOICES: Array<{ value: string; label: string }> = [
  { value: COUNTER_GROUPS.success.join(','), label: 'Delivered (with or without flags)' },
  { value: COUNTER_GROUPS.blocked.join(','), label: 'Blocked or refused (any reason)' },
  ...ACTIVITY_OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABELS[o] })),
];

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

const PHONE_QUERY = '(max-width: 639px)';

/** Open by default where there is room; on a phone the list comes first. */
function startsOpen(): boolean {
  return typeof window.matchMedia !== 'function' || !window.matchMedia(PHONE_QUERY).matches;
}

export function ActivityFiltersBar({ value, tokens, onChange }: ActivityFiltersProps) {
  const [open, setOpen] = useState(startsOpen);
  const [search, setSearch] = useState(value.q ?? '');
  const set = (patch: Partial<ActivityFilters>) => onChange({ ...value, ...patch });
  const active = Object.values(value).filter(Boolean).length;
  const outcomeKnown = !value.outcome || OUTCOME_CHOICES.some((c) => c.value === value.outcome);
  return (
    <details className="filters-panel" open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Filters{active > 0 ? ` (${active} active)` : ''}</summary>
      <form
        className="filters"
        aria-label="Activity filters"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: search.trim() || undefined });
        }}
      >
        <div className="field field--search">
          <label htmlFor="filter-q">Phone number or Okta user</label>
          <div className="search-row">
            <input id="filter-q" type="search" value={search} placeholder="+447700900123, 00u… or a login" onChange={(e) => setSearch(e.target.value)} aria-describedby="filter-q-hint" />
            <button type="submit" className="button">
              Search
            </button>
          </div>
          <p id="filter-q-hint" className="hint">
            A full number in international format (matched by a keyed hash, never stored), an Okta user id or a login.
          </p>
        </div>
        <div className="field">
          <label htmlFor="filter-outcome">Status</label>
          <select id="filter-outcome" value={value.outcome ?? ''} onChange={(e) => set({ outcome: e.target.value || undefined })}>
            <option value="">All statuses</option>
            {!outcomeKnown && <option value={value.outcome}>{value.outcome}</option>}
            {OUTCOME_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-channel">Channel</label>
          <select id="filter-channel" value={value.channel ?? ''} onChange={(e) => set({ channel: e.target.value || undefined })}>
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
            <TokenOptions tokens={tokens} />
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
        <button
          type="button"
          className="button"
          onClick={() => {
            setSearch('');
            onChange({});
          }}
        >
          Clear filters
        </button>
      </form>
    </details>
  );
}
