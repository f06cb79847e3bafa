import { PROVEN_COUNTRY_DAYS } from '@otc/contracts';
import type { FraudGuardMode, PlaceBaselineDto, PlaceFloorsDto } from '@otc/contracts';
import { Badge, type BadgeTone } from '../../../components/badge';
import { formatDateTime } from '../../../lib/format';

function provenBadge(b: PlaceBaselineDto): { tone: BadgeTone; label: string } {
  if (b.mode === 'OFF') return { tone: 'neutral', label: 'Guard off' };
  if (b.proven === null) return { tone: 'neutral', label: 'Proven: unknown' };
  return b.proven ? { tone: 'success', label: 'Proven' } : { tone: 'warning', label: 'Never converted' };
}

/** The floors in words: what the guard lets through in one window before it refuses (SHADOW: would refuse, and delivers). */
export function describeFloors(f: PlaceFloorsDto, mode: FraudGuardMode): string {
  const news = f.newNumbersPerCountry === null ? '' : `; new numbers ${f.newNumbersPerCountry} per country, ${f.newNumbersPerPrefix} per prefix, ${f.newNumbersAllUnproven} across unproven countries`;
  const verb = mode === 'SHADOW' ? 'SHADOW mode: would refuse' : 'Refuses';
  return `${verb} past ${f.perCountry} unused numbers per country, ${f.perPrefix} per prefix in ${f.windowMinutes} min${news}; +${f.conversionWidening} per conversion.`;
}

/** What the guard holds about each token in one country: proven or not, the last conversion, the floors that apply. */
export function PlaceBaseline({ baselines, tokenLabel }: { baselines: PlaceBaselineDto[]; tokenLabel: ((id: string) => string) | null }) {
  return (
    <ul className="baselines">
      {baselines.map((b) => {
        const badge = provenBadge(b);
        return (
          <li key={b.tokenId}>
            {tokenLabel && <span className="baselines__token">{tokenLabel(b.tokenId)} </span>}
            <Badge tone={badge.tone}>{badge.label}</Badge>{' '}
            <span className="muted">{b.lastConvertedAt ? `last conversion ${formatDateTime(b.lastConvertedAt)}` : `no conversion in ${PROVEN_COUNTRY_DAYS} days`}</span>
            {b.proven === false && b.lastConvertedAt && <p className="baselines__note">The guard&apos;s counters no longer hold that conversion (they were reset or restarted since).</p>}
            {b.floors && <p className="baselines__floors">{describeFloors(b.floors, b.mode)}</p>}
          </li>
        );
      })}
    </ul>
  );
}
