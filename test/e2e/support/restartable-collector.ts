// A collector that can be stopped and started again on the same port with the same SQLite
// file (under the OS temp folder), to play a server outage against a real page. The
// per-test `collector` fixture is in memory, so a restart would lose what it stored.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector } from '../../../demo/collector/server.mjs';
import { CollectorClient } from './fixtures';

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
    const raw = await createCollector({ dbPath: join(dir, 'collector.sqlite'), port: 0, host: 'localhost', quiet: true, testControls: true, config });
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
