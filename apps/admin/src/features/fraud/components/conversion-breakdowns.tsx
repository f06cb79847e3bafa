import { ENROLLED_NUMBER_KINDS, REQUEST_KIND_LABELS } from '@otc/contracts';
import type { ConversionByPlaceDto, ConversionCountsDto } from '@otc/contracts';
import { DataTable, type Column } from '../../../components/data-table';
import { formatPercent } from '../../../lib/format';

type ChannelCounts = ConversionByPlaceDto['byChannel'][number];
type KindCounts = ConversionByPlaceDto['byRequestKind'][number];

function countColumns<T extends ConversionCountsDto>(first: Column<T>): Array<Column<T>> {
  return [
    first,
    { header: 'Attempts', className: 'num', cell: (c) => c.attempts },
    { header: 'Sent', className: 'num', cell: (c) => c.sent },
    { header: 'Converted', className: 'num', cell: (c) => c.converted },
    { header: 'Rate', className: 'num', cell: (c) => formatPercent(c.rate) },
  ];
}

/** The same sends by channel and by Okta request type; each table adds up to the period's total. */
export function ConversionBreakdowns({ report }: { report: ConversionByPlaceDto }) {
  return (
    <div className="conversion-breakdowns">
      <section aria-labelledby="conversion-channel-title">
        <h3 id="conversion-channel-title">By channel</h3>
        <DataTable
          caption="Conversion by channel"
          columns={countColumns<ChannelCounts>({ header: 'Channel', className: 'card-row__status', cell: (c) => (c.channel === 'SMS' ? 'SMS' : 'Voice') })}
          rows={report.byChannel}
          rowKey={(c) => c.channel}
        />
      </section>
      <section aria-labelledby="conversion-kind-title">
        <h3 id="conversion-kind-title">By request type</h3>
        <DataTable
          caption="Conversion by request type"
          columns={countColumns<KindCounts>({
            header: 'Request type',
            className: 'card-row__status',
            cell: (k) => (
              <>
                {REQUEST_KIND_LABELS[k.requestKind]} {!ENROLLED_NUMBER_KINDS.has(k.requestKind) && <span className="muted">(new numbers)</span>}
              </>
            ),
          })}
          rows={report.byRequestKind}
          rowKey={(k) => k.requestKind}
        />
      </section>
    </div>
  );
}
