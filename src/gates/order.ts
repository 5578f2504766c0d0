// The gates every item passes, in one place and in this order (README: "What is sent"):
//
//   errors:  consent ► sampling ► filters ► throttle ► [build] ► consent again ► beforeSend ► queue
//   events:  consent ► refused ► sampling ►            [build] ► consent again ► beforeSend ► queue
//
// Consent and sampling come first, so an item the visitor did not allow, or a session left
// out, costs nothing more; the throttle comes before any context is gathered, so a repeat
// costs only its fingerprint. The build runs later (deferred), so consent is asked again.
import { CurrentConsent, type Category } from './consent';
import { sampledIn, unitHash } from './sampling';
import { filtered, topFrameUrl, type FilterOptions } from './filters';
import { Throttle } from './throttle';
import { refusedNames, type RefusedNames } from './refused';
import { applyBeforeSend, type BeforeSend } from './before-send';
import type { ErrorDraft, ErrorItem, EventItem } from '../tools/types';
import type { TOO_LARGE } from '../tools/json';
import type { Logger } from '../tools/logger';

export interface GateOptions extends FilterOptions {
  sampleRate: number;
  eventSampleRate: number;
  throttleMs: number;
  /** What beforeSend returns is serialised no further than this (no larger item can be queued). */
  maxQueueBytes: number;
  beforeSend?: BeforeSend;
}

/** What the gates are told of the page: its session (for sampling) and the draft's fingerprint. */
export interface GateInputs {
  /** The session id; called only with analytics consent (it may touch storage). */
  _session(): string;
  _fingerprint(draft: ErrorDraft): string;
}

export class Gates {
  readonly _throttle: Throttle;
  /** Event names the server refused (403) this session. */
  readonly _refused: RefusedNames;
  /** Sampling's number when no session may be kept (no analytics consent): one per page load. */
  private readonly _pageRoll = Math.random();

  constructor(
    private readonly _o: GateOptions,
    readonly _consent: CurrentConsent,
    private readonly _in: GateInputs,
    private readonly _log: Logger,
  ) {
    this._throttle = new Throttle(_o.throttleMs);
    this._refused = refusedNames(_in._session);
  }

  /**
   * An error's way to the build: consent (held while pending: `hold` keeps what the build
   * will need) ► sampling ► filters ► throttle. `pass(repeat, held)` goes on to the build.
   */
  _error<C>(draft: ErrorDraft, hold: () => C, pass: (repeat: number, held?: C) => void): void {
    const go = (held?: C) => {
      if (!this._sampled('errors')) return;
      const url = topFrameUrl(draft.stack) || (draft.type == 'resourceError' ? draft.message : '');
      if (filtered(draft.message, url, this._o)) return this._log('filtered out:', draft.message);
      const repeat = this._throttle.admit(this._in._fingerprint(draft), draft.time, draft.type, draft.message);
      if (repeat < 0) return this._log('throttled:', draft.message);
      pass(repeat, held);
    };
    if (this._consent._allows('errors', () => [draft.message.length + draft.stack.length, go.bind(null, hold())], this._log)) go();
  }

  /** An event's way to the build: consent (held while pending) ► a name the server refused this session ► sampling. */
  _event<C>(name: string, size: () => number, hold: () => C, pass: (held?: C) => void): void {
    const go = (held?: C) => {
      if (this._refused._has(name)) return this._log(`event "${name}" was refused by the server this session: not sent`);
      if (this._sampled('analytics')) pass(held);
    };
    // The size is measured only for an event that is held: with consent given it costs nothing.
    if (this._consent._allows('analytics', () => [size(), go.bind(null, hold())], this._log)) go();
  }

  /**
   * After the build: consent again (it may have changed while the build waited) ► beforeSend.
   * The JSON to queue; '' when beforeSend dropped it; TOO_LARGE when what beforeSend returned
   * is over the queue's bytes; undefined when consent was revoked.
   */
  _last(kind: 'error' | 'event', item: ErrorItem | EventItem, json: string): string | typeof TOO_LARGE | undefined {
    if (!this._consent._granted(kind == 'error' ? 'errors' : 'analytics')) return;
    const hook = this._o.beforeSend;
    const out = hook ? applyBeforeSend(hook, item, kind, json, this._o.maxQueueBytes, this._log) : json;
    if (!out) this._log('dropped by beforeSend');
    return out;
  }

  /** Decided per session from its id (per page load when no session may be kept). */
  _sampled(cat: Category): boolean {
    const keep = sampledIn(cat == 'errors' ? this._o.sampleRate : this._o.eventSampleRate, () =>
      this._consent._granted('analytics') ? unitHash(this._in._session()) : this._pageRoll,
    );
    if (!keep) this._log(`sampled out (${cat})`);
    return keep;
  }
}
