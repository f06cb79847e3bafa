import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FOREIGN_SEGMENT_DELETE_MS, JournalEntry, SEGMENT_ROTATE_MS, SendJournal, SentEntry } from './send-journal';

function sent(attemptId: string): SentEntry {
  return { kind: 'sent', attemptId, verifyRequestId: `req-${attemptId}`, at: '2026-05-01T09:00:00.000Z' };
}

const ids = (entries: JournalEntry[]) => entries.map((entry) => entry.attemptId);

describe('SendJournal', () => {
  let dataDir: string;
  let now: number;
  const clock = () => now;
  const open: SendJournal[] = [];
  const journal = () => {
    const made = new SendJournal(dataDir, clock);
    open.push(made);
    return made;
  };
  const segments = () => readdirSync(join(dataDir, 'send-journal')).sort();

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'otc-journal-'));
    now = Date.parse('2026-05-01T09:00:00Z');
  });

  afterEach(() => {
    open.splice(0).forEach((made) => made.close());
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should give a restarted process the entries still unsettled, and not the settled ones', () => {
    const crashed = journal();
    crashed.append(sent('a'));
    crashed.append(sent('b'));
    crashed.append(sent('c'));
    crashed.settle([sent('b')]);

    expect(ids(journal().unsettled())).toEqual(['a', 'c']);
  });

  it('should delete a segment once no process writes it and all its entries are settled, keeping the unsettled ones', () => {
    const writer = journal();
    writer.append(sent('old-1'));
    writer.append(sent('old-2'));
    now += SEGMENT_ROTATE_MS;
    writer.append(sent('new'));
    expect(segments()).toHaveLength(2);

    writer.settle([sent('old-1')]);
    expect(segments()).toHaveLength(2);
    expect(ids(journal().unsettled())).toEqual(['old-2', 'new']);

    writer.settle([sent('old-2')]);
    expect(segments()).toHaveLength(1);
    expect(ids(writer.unsettled())).toEqual(['new']);
    expect(ids(journal().unsettled())).toEqual(['new']);
  });

  it('should skip a line torn by a crash mid-append and keep reading the entries around it', () => {
    const crashed = journal();
    crashed.append(sent('whole'));
    const [segment] = segments();
    appendFileSync(join(dataDir, 'send-journal', segment), '{"kind":"sent","attemptId":"torn","verifyRe');

    const restarted = journal();
    restarted.append(sent('after'));
    expect(ids(restarted.unsettled())).toEqual(['after', 'whole']);
  });

  it('should show each process sharing DATA_DIR what the others appended and settled', () => {
    const first = journal();
    const second = journal();
    first.append(sent('from-first'));
    second.append(sent('from-second'));

    expect(ids(first.unsettled()).sort()).toEqual(['from-first', 'from-second']);
    second.unsettled();
    second.settle([sent('from-first')]);
    expect(ids(first.unsettled())).toEqual(['from-second']);
  });

  it("should delete another process's settled segment only long after that process stopped writing it", () => {
    const gone = journal();
    gone.append(sent('a'));
    gone.close();
    const survivor = journal();
    survivor.unsettled();
    survivor.settle([sent('a')]);
    expect(segments()).toHaveLength(2);

    now += FOREIGN_SEGMENT_DELETE_MS;
    survivor.settle([sent('unknown')]);
    expect(segments()).toHaveLength(1);
    expect(journal().unsettled()).toEqual([]);
  });

  it('should take over the single journal file of earlier versions', () => {
    writeFileSync(join(dataDir, 'send-journal.ndjson'), `${JSON.stringify(sent('legacy'))}\n{"kind":"sent","attemptId":"to`);
    const upgraded = journal();
    expect(ids(upgraded.unsettled())).toEqual(['legacy']);
    expect(readdirSync(dataDir)).not.toContain('send-journal.ndjson');

    upgraded.settle([sent('legacy')]);
    expect(journal().unsettled()).toEqual([]);
  });

  it('should find an unsettled outcome by its Verify request', () => {
    const writer = journal();
    writer.append(sent('a'));
    writer.append({ kind: 'answered', attemptId: 'b', at: sent('b').at, outcome: { verifyRequestId: 'req-b', code: null, destination: null } as never });

    const other = journal();
    expect(other.answeredFor('req-b')?.attemptId).toBe('b');
    expect(other.answeredFor('req-a')).toBeUndefined();

    writer.settle([{ kind: 'answered', attemptId: 'b' } as JournalEntry]);
    expect(writer.answeredFor('req-b')).toBeUndefined();
    expect(other.answeredFor('req-b')).toBeUndefined();
  });
});
