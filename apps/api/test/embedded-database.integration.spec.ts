import { mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { createServer, Server } from 'net';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { openCliContext } from '../src/cli/cli-context';
import { loadConfig } from '../src/config/load-config';
import { createConnectorApp } from '../src/create-app';
import { TokensService } from '../src/tokens/tokens.service';
import { adminCall, adminSignIn } from './support/admin-client';
import { freePort, startTestConnector, TestConnector } from './support/test-app';

jest.setTimeout(90_000);

/** Every file under dir (the running server's own cluster directory aside) with its size and mtime. */
function snapshot(dir: string, skipCluster: boolean): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) {
        if (!(skipCluster && entry.name === 'pgdata')) walk(path);
      } else {
        const { size, mtimeMs, mode } = statSync(path);
        files[relative(dir, path)] = `${size}:${mtimeMs}:${mode.toString(8)}`;
      }
    }
  };
  walk(dir);
  return files;
}

function configFor(dataDir: string, port: number) {
  return loadConfig({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', JWT_SECRET: 'j'.repeat(40), ENCRYPTION_KEY: 'e'.repeat(40), LOG_LEVEL: 'error' });
}

describe('embedded PostgreSQL in DATA_DIR: one owner, closed to other users', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'otc-embedded-'));
  let connector: TestConnector;
  let url: string;

  beforeAll(async () => {
    connector = await startTestConnector({ database: null, dataDir });
    url = (connector.app.get(DataSource).options as { url: string }).url;
  });

  afterAll(async () => {
    await connector?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should refuse a second instance on the same DATA_DIR, naming the running one, without touching a file', async () => {
    const before = snapshot(dataDir, true);
    const second = createConnectorApp(configFor(dataDir, await freePort()), { logger: false });
    await expect(second).rejects.toThrow(new RegExp(`in use by a running connector \\(pid ${process.pid}\\)`));
    expect(snapshot(dataDir, true)).toEqual(before);
  });

  it('should let the CLI create a token while the connector runs, and the connector see it', async () => {
    const cli = await openCliContext(configFor(dataDir, await freePort()));
    let id: string;
    try {
      id = (await cli.context.get(TokensService).create('from-cli', {})).id;
    } finally {
      await cli.close();
    }
    const jwt = await adminSignIn(connector);
    const listed = await adminCall(connector, jwt, 'GET', '/v1/admin/tokens');
    expect(listed.json<Array<{ id: string }>>().map((t) => t.id)).toContain(id);
  });

  it('should keep its password, data and socket private to the owner and listen on loopback and that socket only', async () => {
    const { mode: dirMode } = statSync(dataDir);
    expect(dirMode & 0o007).toBe(0);
    expect(statSync(join(dataDir, 'embedded-db.password')).mode & 0o077).toBe(0);
    expect(statSync(join(dataDir, 'pgdata')).mode & 0o077).toBe(0);
    const socketDir = join(dataDir, 'socket');
    expect(statSync(socketDir).mode & 0o077).toBe(0);
    const endpoint = new URL(url);
    expect(endpoint.hostname).toBe('127.0.0.1');
    expect(endpoint.searchParams.get('host')).toBe(socketDir);

    for (const host of ['127.0.0.1', socketDir]) {
      const withoutPassword = new Client({ host, port: Number(endpoint.port), user: 'postgres', database: 'postgres', password: 'not-the-password' });
      withoutPassword.on('error', () => undefined);
      await expect(withoutPassword.connect()).rejects.toThrow(/password authentication failed/);
    }

    // The connector's own connections come through the socket (no server address), others may use TCP.
    const [{ address }] = await connector.app.get(DataSource).query('SELECT inet_server_addr() AS address');
    expect(address).toBeNull();
    const owner = new Client({ connectionString: url });
    await owner.connect();
    try {
      const settings = await owner.query("SELECT name, setting FROM pg_settings WHERE name IN ('listen_addresses', 'unix_socket_directories', 'unix_socket_permissions') ORDER BY name");
      expect(settings.rows).toEqual([
        { name: 'listen_addresses', setting: '127.0.0.1' },
        { name: 'unix_socket_directories', setting: socketDir },
        { name: 'unix_socket_permissions', setting: '0700' },
      ]);
    } finally {
      await owner.end();
    }
  });
});

describe('a start that cannot listen', () => {
  let blocker: Server;

  afterEach(async () => {
    await new Promise((resolve) => blocker?.close(resolve));
  });

  it('should fail on a port already taken before it writes anything in DATA_DIR', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'otc-port-taken-'));
    try {
      const first = await startTestConnector({ database: null, dataDir });
      await first.stop();
      const before = snapshot(dataDir, false);
      blocker = createServer();
      const port = await new Promise<number>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)));

      await expect(createConnectorApp(configFor(dataDir, port), { logger: false })).rejects.toThrow(/Cannot listen on 127\.0\.0\.1:\d+/);
      expect(snapshot(dataDir, false)).toEqual(before);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
