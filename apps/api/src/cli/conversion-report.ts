import { REQUEST_KIND_LABELS } from '@otc/contracts';
import type { ConversionByPlaceDto, ConversionCountsDto, PlaceBaselineDto } from '@otc/contracts';

const percent = (rate: number | null) => (rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`);

function row(label: string, c: ConversionCountsDto, note = ''): string {
  return `${label.padEnd(16)}${String(c.attempts).padStart(9)}${String(c.sent).padStart(9)}${String(c.converted).padStart(11)}${percent(c.rate).padStart(8)}  ${note}`.trimEnd();
}

function describeBaseline(b: PlaceBaselineDto, countersShared: boolean): string {
  const proven = b.proven === null ? (countersShared ? 'proven: unknown (counters unreachable)' : 'proven: see the admin app (counters live in the connector)') : b.proven ? 'proven' : 'never converted in (unproven)';
  const last = b.lastConvertedAt ? `last conversion ${b.lastConvertedAt}` : 'no conversion in 90 days';
  if (!b.floors) return `token ${b.tokenId}: guard ${b.mode}; ${proven}; ${last}`;
  const f = b.floors;
  const news = f.newNumbersPerCountry === null ? '' : `; new numbers ${f.newNumbersPerCountry}/country, ${f.newNumbersPerPrefix}/prefix, ${f.newNumbersAllUnproven} in all unproven countries`;
  return `token ${b.tokenId}: guard ${b.mode}; ${proven}; ${last}; floors per ${f.windowMinutes} min: ${f.perCountry}/country, ${f.perPrefix}/prefix${news}; +${f.conversionWidening} per conversion`;
}

/** The report as a person reads it in a terminal: countries riskiest first, each token's baseline under its country. */
export function describeConversionByPlace(report: ConversionByPlaceDto, countersShared: boolean): string {
  const header = `${''.padEnd(16)}${'attempts'.padStart(9)}${'sent'.padStart(9)}${'converted'.padStart(11)}${'rate'.padStart(8)}`;
  const lines = [
    `Conversion by place, ${report.tokenId ? `token ${report.tokenId}` : 'all tokens'}, ${report.period.from} – ${report.period.to}`,
    header,
    row('Total', report.total),
    '',
    'By country (most unconverted sends first)',
    ...report.byCountry.flatMap((c) => [
      row(c.country ?? 'no country', c, c.lowConversion ? 'LOW CONVERSION' : ''),
      ...c.baselines.map((b) => `    ${describeBaseline(b, countersShared)}`),
    ]),
    '',
    'By channel',
    ...report.byChannel.map((c) => row(c.channel, c)),
    '',
    'By request type',
    ...report.byRequestKind.map((k) => row(REQUEST_KIND_LABELS[k.requestKind], k)),
  ];
  if (report.byCountry.length === 0) lines.splice(5, 0, '  no attempts in this period');
  return lines.join('\n');
}
