import { spawn } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist/apps/api/main.js');

interface Exit {
  code: number | null;
  stderr: string;
  ms: number;
}

/** Runs the built connector with this DATA_DIR and waits (at most 20 s) for it to give up. */
function start(dataDir: string): Promise<Exit> {
  const started = Date.now();
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: dataDir, PORT: '0' }, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, stderr, ms: Date.now() - started });
    });
  });
}

describe('an unusable DATA_DIR stops the start at once with one line naming it', () => {
  let scratch: string;
  beforeAll(() => (scratch = mkdtempSync(join(tmpdir(), 'otc-datadir-'))));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it.each([
    ['a directory the kernel refuses to create (/proc/x)', () => '/proc/x'],
    ['a path below a regular file', () => {
      const file = join(scratch, 'a-file');
      writeFileSync(file, '');
      return join(file, 'data');
    }],
    ['a regular file', () => {
      const file = join(scratch, 'another-file');
      writeFileSync(file, '');
      return file;
    }],
  ])('should refuse %s within 5 s, exit code 78, one line', async (_, dataDir) => {
    const path = dataDir();
    const exit = await start(path);

    expect(exit.code).toBe(78);
    expect(exit.ms).toBeLessThan(5000);
    const lines = exit.stderr.trim().split('\n');
    expect(lines).toEqual([expect.stringContaining(`DATA_DIR ${path}`)]);
    expect(exit.stderr).not.toMatch(/\n\s+at /);
  });
});
