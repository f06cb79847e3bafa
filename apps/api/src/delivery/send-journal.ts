import { randomBytes } from 'crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, renameSync, unlinkSync, writeSync } from 'fs';
import { join } from 'path';
import type { AttemptOutcome } from './activity.service';

/** The single file earlier versions rewrote on every sweep: imported as a segment when found. */
const LEGACY_FILE = 'send-journal.ndjson';
const SEGMENT_DIR = 'send-journal';
const SEGMENT_NAME = /^(\d+)-\d+-[0-9a-f]+\.ndjson$/;
// A process appends to one segment for at most this long, then starts another: older segments are
// never written again, so they can be deleted once every entry in them is settled.
export const SEGMENT_ROTATE_MS = 60_000;
// Another process's segment is deleted only this long after it was created: its writer has left it
// (SEGMENT_ROTATE_MS) with room for clocks that differ and a process that stalled mid-append.
export const FOREIGN_SEGMENT_DELETE_MS = 15 * 60_000;
const READ_CHUNK = 1 << 20;

/** Vonage accepted a message for this attempt: written before the database hears of it. */
export interface SentEntry {
  kind: 'sent';
  attemptId: string;
  verifyRequestId: string;
  at: string;
}

/** Okta was answered SUCCESSFUL although the attempt's record could not be written. */
export interface AnsweredEntry {
  kind: 'answered';
  attemptId: string;
  outcome: AttemptOutcome & { code: null; destination: null };
  at: string;
}

export type JournalEntry = SentEntry | AnsweredEntry;

/** Entries some process settled: a restart, or another process, need not look them up again. */
interface SettledMark {
  kind: 'settled';
  keys: string[];
}

interface Segment {
  name: string;
  createdAt: number;
  own: boolean;
  /** Bytes read so far; for this process's own segment, bytes written. */
  offset: number;
  /** Bytes after the last newline read: an append in progress, or a line torn by a crash. */
  partial: string;
  /** Keys of the entries read from this segment that are not settled yet. */
  unsettled: Set<string>;
}

function key(entry: JournalEntry): string {
  return `${entry.kind}:${entry.attemptId}`;
}

function parse(line: string): JournalEntry | SettledMark | null {
  try {
    return line ? (JSON.parse(line) as JournalEntry | SettledMark) : null;
  } catch {
    return null;
  }
}

/**
 * Append-only segment files in DATA_DIR that do not depend on the database: what was sent survives
 * a crash or an outage, so a sweep can finish the record later. Holds no code or phone number.
 *
 * Each process appends to a segment of its own through a descriptor it keeps open, and starts a new
 * segment every SEGMENT_ROTATE_MS; unsettled entries are kept in memory and a sweep reads only what
 * other processes appended since the last one, so its cost follows the entries, not the file. A
 * settled entry is marked by one appended line per sweep, and a segment nobody writes any more is
 * deleted once all its entries are settled: nothing is ever rewritten. Processes sharing DATA_DIR
 * each see every entry (settling one twice is harmless: the database updates are conditional).
 */
export class SendJournal {
  private readonly dir: string;
  private readonly segments = new Map<string, Segment>();
  private readonly entries = new Map<string, JournalEntry>();
  /** The unsettled outcomes by Verify request: a status callback that overtook its record looks here. */
  private readonly answered = new Map<string, AnsweredEntry>();
  private current: { segment: Segment; fd: number } | null = null;
  private readonly instance = `${process.pid}-${randomBytes(4).toString('hex')}`;

  constructor(
    private readonly dataDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = join(dataDir, SEGMENT_DIR);
  }

  append(entry: JournalEntry): void {
    this.write(`${JSON.stringify(entry)}\n`);
    this.track(this.current!.segment, key(entry), entry);
  }

  /** Every entry not yet settled, in the order it was read; a line torn by a crash mid-append is skipped. */
  unsettled(): JournalEntry[] {
    this.catchUp();
    return [...this.entries.values()];
  }

  /** The journalled outcome naming this Verify request, if any is unsettled. */
  answeredFor(verifyRequestId: string): AnsweredEntry | undefined {
    this.catchUp();
    return this.answered.get(verifyRequestId);
  }

  /** Marks entries settled, and deletes the segments nobody writes any more whose entries all are. */
  settle(settled: JournalEntry[]): void {
    if (settled.length === 0) return;
    const keys = settled.map(key);
    this.write(`${JSON.stringify({ kind: 'settled', keys } satisfies SettledMark)}\n`);
    this.forget(keys);
    this.deleteSettledSegments();
  }

  close(): void {
    if (this.current) closeSync(this.current.fd);
    this.current = null;
  }

  private write(line: string): void {
    const segment = this.writable();
    try {
      const written = writeSync(segment.fd, line);
      if (written !== Buffer.byteLength(line)) throw new Error(`send journal: short write (${written} bytes)`);
      segment.segment.offset += written;
    } catch (error) {
      // A partial write may have left a torn line: later entries go to a fresh segment.
      this.close();
      throw error;
    }
  }

  private writable(): { segment: Segment; fd: number } {
    const now = this.now();
    if (this.current && now - this.current.segment.createdAt >= SEGMENT_ROTATE_MS) this.close();
    if (!this.current) {
      this.ensureDir();
      const name = `${now}-${this.instance}.ndjson`;
      const fd = openSync(join(this.dir, name), 'a', 0o600);
      const segment: Segment = { name, createdAt: now, own: true, offset: 0, partial: '', unsettled: new Set() };
      this.segments.set(name, segment);
      this.current = { segment, fd };
    }
    return this.current;
  }

  private ensureDir(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  private track(segment: Segment, entryKey: string, entry: JournalEntry): void {
    this.entries.set(entryKey, entry);
    if (entry.kind === 'answered' && entry.outcome.verifyRequestId) this.answered.set(entry.outcome.verifyRequestId, entry);
    segment.unsettled.add(entryKey);
  }

  private forget(keys: string[]): void {
    for (const entryKey of keys) {
      const entry = this.entries.get(entryKey);
      if (!entry) continue;
      this.entries.delete(entryKey);
      if (entry.kind === 'answered' && entry.outcome.verifyRequestId) this.answered.delete(entry.outcome.verifyRequestId);
      for (const segment of this.segments.values()) segment.unsettled.delete(entryKey);
    }
  }

  /** Reads what other processes appended since the last call (all of it the first time). */
  private catchUp(): void {
    this.importLegacyFile();
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const present = new Set(names);
    for (const [name, segment] of this.segments) if (!segment.own && !present.has(name)) this.segments.delete(name);
    const marks: string[][] = [];
    for (const name of names) {
      const match = SEGMENT_NAME.exec(name);
      if (!match) continue;
      let segment = this.segments.get(name);
      if (!segment) {
        segment = { name, createdAt: Number(match[1]), own: false, offset: 0, partial: '', unsettled: new Set() };
        this.segments.set(name, segment);
      }
      if (!segment.own) this.readNew(segment, marks);
    }
    // Marks after entries: a mark read in this pass may name an entry read later in it.
    for (const keys of marks) this.forget(keys);
  }

  private readNew(segment: Segment, marks: string[][]): void {
    let fd: number;
    try {
      fd = openSync(join(this.dir, segment.name), 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      this.segments.delete(segment.name);
      return;
    }
    try {
      const size = fstatSync(fd).size;
      while (segment.offset < size) {
        const chunk = Buffer.allocUnsafe(Math.min(READ_CHUNK, size - segment.offset));
        const read = readSync(fd, chunk, 0, chunk.length, segment.offset);
        if (read === 0) break;
        segment.offset += read;
        const lines = (segment.partial + chunk.toString('utf8', 0, read)).split('\n');
        segment.partial = lines.pop()!;
        for (const line of lines) {
          const record = parse(line);
          if (record?.kind === 'settled') marks.push(record.keys);
          else if (record) this.track(segment, key(record), record);
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  private deleteSettledSegments(): void {
    const now = this.now();
    for (const segment of this.segments.values()) {
      if (segment === this.current?.segment || segment.unsettled.size > 0) continue;
      if (!segment.own && now - segment.createdAt < FOREIGN_SEGMENT_DELETE_MS) continue;
      try {
        unlinkSync(join(this.dir, segment.name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      this.segments.delete(segment.name);
    }
  }

  /**
   * A journal left by an earlier version becomes a segment, deletable once settled. A process of that
   * version still running appends by path, so what it appends later lands in a new legacy file.
   */
  private importLegacyFile(): void {
    const legacy = join(this.dataDir, LEGACY_FILE);
    if (!existsSync(legacy)) return;
    try {
      this.ensureDir();
      renameSync(legacy, join(this.dir, `${this.now() - FOREIGN_SEGMENT_DELETE_MS}-0-${randomBytes(4).toString('hex')}.ndjson`));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}
