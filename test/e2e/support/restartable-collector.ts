// A collector that can be stopped and started again on the same port with the same SQLite
// file (under the OS temp folder), to play a server outage against a real page. The
// per-test `collector` fixture is in memory, so a restart would lose what it stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector } from '../../../demo/collector/server.mjs';
import { freePort } from '../../apps/framework-app.mjs';
import { CollectorClient } from './fixtures';

/** Tries at a port freePort() found before giving up (another worker may take it first). */
const START_TRIES = 5;

/** A collector on a port below the OS's own range, free for the outage (see freePort()). */
async function onFixedPort(options: object): Promise<any> {
  for (let i = 1; ; i++) {
    try {
      return await createCollector({ ...options, port: await freePort() });
    } catch (e: any) {
      if (e?.code !== 'EADDRINUSE' || i === START_TRIES) throw e;
    }
  }
}

export class RestartableCollector extends CollectorClient {
  private constructor(
    url: string,
    private current: any,
    private readonly dir: string,
    private readonly port: number,
    private readonly config: object,
  ) {
    super(url, current);
  }

  static async start(config: object = {}): Promise<RestartableCollector> {
    const dir = mkdtempSync(join(tmpdir(), 'tracely-outage-'));
    const raw = await onFixedPort({ dbPath: join(dir, 'collector.sqlite'), host: 'localhost', quiet: true, testControls: true, config });
    return new RestartableCollector(raw.url, raw, dir, raw.port, config);
  }

  get running(): boolean {
    return this.current !== undefined;
  }

  /** Stops listening and cuts every open connection: the browser now gets "connection refused". */
  async stop(): Promise<void> {
    const raw = this.current;
    this.current = undefined;
    await raw?.close();
  }

  /** Starts again on the same port, over the same database file. */
  async restart(): Promise<void> {
    if (this.current) return;
    this.current = await createCollector({ dbPath: join(this.dir, 'collector.sqlite'), port: this.port, host: 'localhost', quiet: true, testControls: true, config: this.config });
  }

  override async close(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
