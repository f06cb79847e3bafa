import type { ConversionByPlaceDto, CountryConversionDto } from '@otc/contracts';
import { Badge } from '../../../components/badge';
import { DataTable, type Column } from '../../../components/data-table';
import { countryName, formatPercent } from '../../../lib/format';
import { PlaceBaseline } from './place-baseline';

export function placeName(country: string | null): string {
  return country === null ? 'No country (non-geographic)' : countryName(country);
}

/** Every country of the period, most unused codes first; those with low conversion carry a badge and a mark. */
export function CountryConversionTable({ report, tokenLabel }: { report: ConversionByPlaceDto; tokenLabel: (id: string) => string }) {
  const columns: Array<Column<CountryConversionDto>> = [
    {
      header: 'Country',
      className: 'card-row__status',
      cell: (c) => (
        <>
          {placeName(c.country)} {c.country && <span className="mono muted">{c.country}</span>} {c.lowConversion && <Badge tone="danger">Low conversion</Badge>}
        </>
      ),
    },
    { header: 'Attempts', className: 'num', cell: (c) => c.attempts },
    { header: 'Sent', className: 'num', cell: (c) => c.sent },
    { header: 'Converted', className: 'num', cell: (c) => c.converted },
    { header: 'Rate', className: 'num', cell: (c) => formatPercent(c.rate) },
    { header: 'Guard baseline', className: 'card-row__wide', cell: (c) => <PlaceBaseline baselines={c.baselines} tokenLabel={report.tokenId === null ? tokenLabel : null} /> },
  ];
  return (
    <DataTable
      caption="Conversion by country"
      columns={columns}
      rows={report.byCountry}
      rowKey={(c) => c.country ?? 'none'}
      rowClassName={(c) => (c.lowConversion ? 'card-row--alert' : undefined)}
    />
  );
}
