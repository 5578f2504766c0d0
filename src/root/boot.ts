// init() at its cheapest: only what must see the first error installs now (the error and
// rejection hooks, page exit). The pipeline (pipeline.ts) is built when something needs it:
// the first error, an API call, an eager part, or the idle period, where every other part
// installs. Building it at init cost 0.9 ms of a 2.5 ms init() (Chromium 156, 31 fresh pages),
// most of it compiling code a page without errors does not need before then.
import type { Config } from './config';
import type { Pipeline } from './pipeline';
import type { Part, Stop } from '../tools/part';
import type { Logger } from '../tools/logger';
import { guard, startPart } from '../tools/guard';
import { whenIdle } from '../tools/idle';
import { installErrorSources } from '../sources/errors';
import { onPageExit } from '../delivery/exit';

/** What init() started: the client's way to begin a pipeline built later, and to stop. */
export interface Boot {
  /** Begins a pipeline built after init (its consent and eager parts). */
  _begin(p: Pipeline): void;
  _stop(): void;
}

/** The server's origin as a browser writes it (lower case, no default port); a page that broke URL gets the host as given. */
function serverOrigin(host: string): string {
  try {
    return new URL(host).origin;
  } catch {
    return host;
  }
}

let ownScriptUrl: string | undefined;
/** The script-tag entry tells which file is the SDK, so its own errors are never reported. */
export function setOwnScript(url: string | undefined): void {
  ownScriptUrl = url;
}

/**
 * `built`: the pipeline if it exists; `build`: the pipeline, built now if need be (undefined
 * when the client is off). `early`: a consent decision the page recorded before the SDK loaded.
 */
export function boot(c: Config, log: Logger, parts: Part[], built: () => Pipeline | undefined, build: () => Pipeline | undefined, early: unknown): Boot {
  const stops: Stop[] = [];
  /** performance.now() at init while the page was visible; -1 once it was hidden (parts count dwell from it). */
  let since = document.visibilityState == 'visible' ? performance.now() : -1;
  const begin = (p: Pipeline | undefined) => p?._begin(early, () => since);
  const b: Boot = {
    _begin: begin,
    _stop: () => stops.splice(0).forEach((stop) => guard(log, 'close', stop)),
  };
  // The loader's held events are handed over while the hooks install: the pipeline they build
  // begins just after (its consent applied after their capture, as when it was built at init).
  startPart(log, stops, 'error hooks', () =>
    installErrorSources({ resources: c.captureResourceErrors, rejections: c.captureUnhandledRejections, csp: c.captureCspViolations, server: serverOrigin(c.host), ownScript: ownScriptUrl }, (draft) => build()?._capture(draft)),
  );
  startPart(log, stops, 'page exit', () =>
    onPageExit(() => {
      since = -1;
      // Nothing built, nothing captured: nothing to send.
      built()?._exit();
    }),
  );
  // Built before init (an API call), or needed now by a part that must see the page's first moments.
  begin(parts.some((x) => x._eager) ? build() : built());
  stops.push(
    whenIdle(() =>
      guard(log, 'idle', () => {
        const p = build();
        begin(p);
        p?._idle();
      }),
    ),
  );
  log('initialised', c.host);
  return b;
}
