import { linkSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';

const OWNER_FILE = 'owner.pid';

export interface DataDirOwner {
  pid: number;
  role: string;
}

export class DataDirInUseError extends Error {
  constructor(dataDir: string, owner: DataDirOwner) {
    super(`${dataDir} is in use by a running ${owner.role} (pid ${owner.pid}); stop it first, or give this one its own DATA_DIR`);
  }
}

/** True when a process with this pid exists (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live process that owns the embedded database in dataDir, or null when none does. */
export function readDataDirOwner(dataDir: string): DataDirOwner | null {
  let owner: DataDirOwner;
  try {
    owner = JSON.parse(readFileSync(join(dataDir, OWNER_FILE), 'utf8')) as DataDirOwner;
  } catch {
    return null;
  }
  return Number.isInteger(owner.pid) && isProcessAlive(owner.pid) ? owner : null;
}

/**
 * Makes this process the one owner of the embedded database in dataDir, or throws naming the live
 * owner without writing anything. An owner that died (kill -9, power loss) leaves a stale file that
 * the next start takes over. Returns the release function.
 */
export function claimDataDir(dataDir: string, role: string): () => void {
  const file = join(dataDir, OWNER_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    const owner = readDataDirOwner(dataDir);
    if (owner) throw new DataDirInUseError(dataDir, owner);
    rmSync(file, { force: true });
    // Written whole under a private name, then linked into place: link fails if another process
    // got there first, and nobody ever reads a half-written owner file.
    const draft = `${file}.${process.pid}`;
    writeFileSync(draft, JSON.stringify({ pid: process.pid, role } satisfies DataDirOwner), { mode: 0o600 });
    try {
      linkSync(draft, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      continue;
    } finally {
      rmSync(draft, { force: true });
    }
    return () => {
      if (readDataDirOwner(dataDir)?.pid === process.pid) rmSync(file, { force: true });
    };
  }
  throw new Error(`Could not claim ${dataDir}: another process is taking it over at the same time`);
}
