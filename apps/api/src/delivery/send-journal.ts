import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { AttemptOutcome } from './activity.service';

const JOURNAL_FILE = 'send-journal.ndjson';

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

function key(entry: JournalEntry): string {
  return `${entry.kind}:${entry.attemptId}`;
}

/**
 * An append-only file in DATA_DIR that does not depend on the database: what was sent survives a
 * crash or an outage, so a sweep can finish the record later. Holds no code or phone number.
 * Appends and the rewrite that drops settled entries are synchronous, so within one process they
 * never interleave.
 */
export class SendJournal {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, JOURNAL_FILE);
  }

  append(entry: JournalEntry): void {
    appendFileSync(this.file, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
  }

  /** Every entry not yet settled; a line torn by a crash mid-append is skipped. */
  read(): JournalEntry[] {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, 'utf8')
      .split('\n')
      .flatMap((line) => {
        try {
          return line ? [JSON.parse(line) as JournalEntry] : [];
        } catch {
          return [];
        }
      });
  }

  /** Drops settled entries, keeping whatever was appended meanwhile. */
  settle(settled: JournalEntry[]): void {
    if (settled.length === 0) return;
    const drop = new Set(settled.map(key));
    const kept = this.read().filter((entry) => !drop.has(key(entry)));
    const draft = `${this.file}.${process.pid}`;
    writeFileSync(draft, kept.map((entry) => `${JSON.stringify(entry)}\n`).join(''), { mode: 0o600 });
    renameSync(draft, this.file);
  }
}
