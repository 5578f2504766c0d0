// A collector that can be stopped and started again on the same port with the same SQLite
// file (under the OS temp folder), to play a server outage against a real page. The
// per-test `collector` fixture is in memory, so a restart would lose what it stored.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCollector } from '../../../demo/collector/server.mjs';
import { CollectorClient } from './fixtures';

/** Where the fixed ports are drawn from: below the range the OS hands out by itself. */
const FIXED_PORTS_FROM = 20_000;
/** Tries before giving up on finding a free fixed port. */
const PORT_TRIES = 20;

/**
 * The first port the OS hands out by itself (to `listen(0)` and to every outgoing connection).
 * A port of that range, let go for an outage, can be taken by any connection of the run in the
 * meantime (seen with four workers: EADDRINUSE at the restart); one below it is taken only by a
 * process that asks for it by number.
 */
function ephemeralPortsStart(): number {
  try {
    return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32_768;
  } catch {
    return 32_768; // Linux's default; macOS and Windows start higher still.
  }
}

/** A collector on a free port below the OS's own range, picked at random (another worker may be trying too). */
async function onFixedPort(options: object): Promise<any> {
  const end = ephemeralPortsStart();
  for (let i = 1; ; i++) {
    const port = FIXED_PORTS_FROM + Math.floor(Math.random() * (end - FIXED_PORTS_FROM));
    try {
      return await createCollector({ ...options, port });
    } catch (e: any) {
      if (e?.code !== 'EADDRINUSE' || i === PORT_TRIES) throw e;
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
