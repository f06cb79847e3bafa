import { existsSync, mkdirSync, statSync, unlinkSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

const HINTS: Record<string, string> = {
  EACCES: 'permission denied for the user running the connector',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOENT: 'cannot be created there',
  ENOTDIR: 'a parent is not a directory',
  ENOSPC: 'no space left on the device',
};

/**
 * Creates DATA_DIR when missing and proves a file can be written in it. Ancestors are created one
 * level at a time: Node's recursive mkdir loops forever where a parent exists but refuses children
 * (/proc, sysfs). Returns the problem in one line, or null.
 */
export function dataDirProblem(dataDir: string): string | null {
  try {
    const missing: string[] = [];
    for (let dir = dataDir; !existsSync(dir); dir = dirname(dir)) {
      missing.unshift(dir);
      if (dirname(dir) === dir) break;
    }
    for (const dir of missing) mkdirSync(dir);
    if (!statSync(dataDir).isDirectory()) return `DATA_DIR ${dataDir} is not a directory`;
    const probe = join(dataDir, `.write-probe-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return `DATA_DIR ${dataDir} is not a writable directory (${code}: ${HINTS[code] ?? (error as Error).message.split('\n')[0]})`;
  }
}
