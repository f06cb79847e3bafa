import { CHANNELS, REQUEST_KINDS, conversionCounts, isLowConversion } from '@otc/contracts';
import type { Channel, ConversionByPlaceDto, ConversionCountsDto, CountryConversionDto, PlaceBaselineDto, RequestKind } from '@otc/contracts';
import type { PlaceCount } from '../delivery/activity-report.service';

function sum(counts: PlaceCount[]): ConversionCountsDto {
  return conversionCounts(
    counts.reduce((n, c) => n + c.attempts, 0),
    counts.reduce((n, c) => n + c.sent, 0),
    counts.reduce((n, c) => n + c.converted, 0),
  );
}

function groupBy<K>(counts: PlaceCount[], key: (c: PlaceCount) => K): Map<K, PlaceCount[]> {
  const groups = new Map<K, PlaceCount[]>();
  for (const c of counts) groups.set(key(c), [...(groups.get(key(c)) ?? []), c]);
  return groups;
}

const unconverted = (c: ConversionCountsDto) => c.sent - c.converted;

// Where the most codes went unused first: that is where the money goes if it is pumping.
function riskiestFirst(a: CountryConversionDto, b: CountryConversionDto): number {
  return unconverted(b) - unconverted(a) || b.sent - a.sent || b.attempts - a.attempts || (a.country ?? '~').localeCompare(b.country ?? '~');
}

/**
 * Folds the per-place counts into the report: every part sums to the same total, by country, by
 * channel (both, always) and by request kind (those with attempts).
 */
export function toConversionByPlace(
  counts: PlaceCount[],
  baselineOf: (tokenId: string, country: string | null) => PlaceBaselineDto | null,
  header: Pick<ConversionByPlaceDto, 'period' | 'tokenId'>,
): ConversionByPlaceDto {
  const total = sum(counts);
  const byCountry = [...groupBy(counts, (c) => c.country)].map(([country, parts]): CountryConversionDto => {
    const counted = sum(parts);
    const tokenIds = [...new Set(parts.map((p) => p.tokenId))].sort();
    const baselines = tokenIds.map((id) => baselineOf(id, country)).filter((b): b is PlaceBaselineDto => b !== null);
    return { country, ...counted, lowConversion: isLowConversion(counted, total), baselines };
  });
  const channels = groupBy(counts, (c) => c.channel);
  const kinds = groupBy(counts, (c) => c.requestKind);
  return {
    ...header,
    total,
    byCountry: byCountry.sort(riskiestFirst),
    byChannel: CHANNELS.map((channel: Channel) => ({ channel, ...sum(channels.get(channel) ?? []) })),
    byRequestKind: REQUEST_KINDS.filter((kind) => kinds.has(kind)).map((requestKind: RequestKind) => ({ requestKind, ...sum(kinds.get(requestKind)!) })),
  };
}
