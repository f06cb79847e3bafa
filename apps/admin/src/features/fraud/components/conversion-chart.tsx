import type { ConversionByPlaceDto, CountryConversionDto } from '@otc/contracts';
import { formatPercent } from '../../../lib/format';
import { useElementWidth } from '../../../lib/use-element-width';

const MAX_COUNTRIES = 10;
const ROW_H = 30;
const BAR_H = 16;
const LABEL_W = 52;
// Segments sit apart, so each meets the background (3:1 in both colour schemes), not the other colour.
const GAP = 2;

function line(c: CountryConversionDto): string {
  return `${c.country ?? 'no country'} ${c.sent} sent, ${c.converted} converted (${formatPercent(c.rate)})${c.lowConversion ? ', low conversion' : ''}`;
}

/** The chart's text equivalent, read instead of the drawing. */
export function describeConversionChart(shown: CountryConversionDto[], report: ConversionByPlaceDto, periodLabel: string): string {
  return `Codes sent by country over the ${periodLabel.toLowerCase()}, most unused first: ${shown.map(line).join('; ')}. All countries: ${formatPercent(report.total.rate)} converted.`;
}

/** One bar per country (the ten with the most unused codes): converted, then sent but never used. */
export function ConversionChart({ report, periodLabel }: { report: ConversionByPlaceDto; periodLabel: string }) {
  const { ref, width } = useElementWidth<HTMLDivElement>(720);
  const shown = report.byCountry.filter((c) => c.sent > 0).slice(0, MAX_COUNTRIES);
  if (shown.length === 0) return null;
  const valueW = Math.max(84, Math.min(120, width * 0.25));
  const plotW = Math.max(40, width - LABEL_W - valueW);
  const scale = (n: number) => (n / Math.max(1, ...shown.map((c) => c.sent))) * plotW;
  const height = shown.length * ROW_H;
  return (
    <figure className="chart place-chart" ref={ref}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={describeConversionChart(shown, report, periodLabel)}>
        {shown.map((c, i) => {
          const top = i * ROW_H + (ROW_H - BAR_H) / 2;
          const converted = scale(c.converted);
          const unused = scale(c.sent - c.converted);
          const unusedX = LABEL_W + converted + (converted > 0 ? GAP : 0);
          return (
            <g key={c.country ?? 'none'}>
              {c.lowConversion && <path d={`M2 ${top + BAR_H - 2} L8 ${top + 2} L14 ${top + BAR_H - 2} Z`} className="place-chart__mark" />}
              <text x={18} y={top + BAR_H / 2} dominantBaseline="central" className={c.lowConversion ? 'chart__tick place-chart__label--low' : 'chart__tick'}>
                {c.country ?? '—'}
              </text>
              {converted > 0 && <rect x={LABEL_W} y={top} width={converted} height={BAR_H} className="place-chart__converted" />}
              {unused > 0 && <rect x={unusedX} y={top} width={Math.max(1, unused - (converted > 0 ? GAP : 0))} height={BAR_H} className="place-chart__unused" />}
              <text x={width - 2} y={top + BAR_H / 2} dominantBaseline="central" textAnchor="end" className="chart__tick">
                {`${formatPercent(c.rate)} of ${c.sent}`}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart__legend">
        <span>{shown.length < report.byCountry.length ? `The ${shown.length} countries with the most unused codes; the table lists them all.` : 'The table below lists the same numbers.'}</span>
        <span className="legend-item">
          <span className="legend-swatch place-chart__converted" aria-hidden="true" /> Converted
        </span>
        <span className="legend-item">
          <span className="legend-swatch place-chart__unused" aria-hidden="true" /> Sent, never used
        </span>
        <span className="legend-item">
          <svg width="14" height="12" aria-hidden="true">
            <path d="M1 11 L7 1 L13 11 Z" className="place-chart__mark" />
          </svg>{' '}
          Low conversion
        </span>
      </figcaption>
    </figure>
  );
}
