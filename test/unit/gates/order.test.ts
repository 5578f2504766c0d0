// The gate order, as the README's "What is sent" states it: consent first, then sampling, then
// the filters and the throttle for errors (refused names for events), and after the build
// consent again and beforeSend. Each test checks that a later gate is not reached, or not
// paid for, when an earlier one stops the item.
import { describe, expect, it, vi } from 'vitest';
import { CurrentConsent, type Consents } from '../../../src/gates/consent';
import { Gates, type GateOptions } from '../../../src/gates/order';
import { unitHash } from '../../../src/gates/sampling';
import type { ErrorDraft, ErrorItem, EventItem } from '../../../src/tools/types';

const WINDOW_MS = 60_000;
const GRANTED: Consents = { errors: 'granted', analytics: 'granted' };

function gates(options: Partial<GateOptions> = {}, consents: Consents = GRANTED, session = 's-1') {
  const o: GateOptions = { sampleRate: 1, eventSampleRate: 1, throttleMs: WINDOW_MS, maxQueueBytes: 1 << 20, ignoreErrors: [], denyUrls: [], allowUrls: [], ...options };
  const inputs = { _session: vi.fn(() => session), _fingerprint: vi.fn((d: ErrorDraft) => d.message) };
  const log = vi.fn();
  const consent = new CurrentConsent(consents);
  return { g: new Gates(o, consent, inputs, log), consent, inputs, log, logged: () => log.mock.calls.map((c) => c.join(' ')) };
}

const draft = (message: string, time = 0, stack = ''): ErrorDraft => ({ type: 'jsError', message, stack, time });
/** A session id whose sampling number is below (kept at 0.5) or above (left out) one half. */
const sessionWhere = (keptAtHalf: boolean) => Array.from({ length: 100 }, (_, i) => `s-${i}`).find((id) => unitHash(id) < 0.5 == keptAtHalf)!;

describe('Gates: errors (consent ► sampling ► filters ► throttle)', () => {
  it('passes an allowed, kept, unfiltered first error with repeat 0 and its fingerprint counted', () => {
    const { g, inputs } = gates();
    const pass = vi.fn();
    g._error(draft('boom'), () => 'held', pass);
    expect(pass).toHaveBeenCalledWith(0, undefined);
    expect(inputs._fingerprint).toHaveBeenCalledTimes(1);
    expect(g._throttle.size).toBe(1);
  });

  it('denied consent stops an error before anything else: no session read, no fingerprint, no throttle slot', () => {
    const { g, inputs } = gates({ sampleRate: 0.5 }, { errors: 'denied', analytics: 'granted' });
    const pass = vi.fn();
    const hold = vi.fn();
    g._error(draft('boom'), hold, pass);
    expect(pass).not.toHaveBeenCalled();
    expect(hold).not.toHaveBeenCalled();
    expect(inputs._session).not.toHaveBeenCalled();
    expect(inputs._fingerprint).not.toHaveBeenCalled();
    expect(g._throttle.size).toBe(0);
  });

  it('pending consent holds what the build needs, and the decision sends it on through the later gates', () => {
    const { g, consent, inputs } = gates({}, { errors: 'pending', analytics: 'granted' });
    const pass = vi.fn();
    g._error(draft('boom'), () => 'context at capture', pass);
    expect(pass).not.toHaveBeenCalled();
    expect(inputs._fingerprint).not.toHaveBeenCalled();
    consent._set(GRANTED, (go) => go());
    expect(pass).toHaveBeenCalledWith(0, 'context at capture');
    expect(g._throttle.size).toBe(1);
  });

  it('samples before the filters and the throttle: a left-out session costs no fingerprint and takes no slot', () => {
    const { g, inputs, logged } = gates({ sampleRate: 0.5, ignoreErrors: ['boom'] }, GRANTED, sessionWhere(false));
    const pass = vi.fn();
    g._error(draft('boom'), () => 0, pass);
    g._error(draft('other'), () => 0, pass);
    expect(pass).not.toHaveBeenCalled();
    expect(inputs._fingerprint).not.toHaveBeenCalled();
    expect(g._throttle.size).toBe(0);
    expect(logged().join('\n')).not.toContain('filtered out');
  });

  it('keeps a sampled-in session at the same rate', () => {
    const { g } = gates({ sampleRate: 0.5 }, GRANTED, sessionWhere(true));
    const pass = vi.fn();
    g._error(draft('boom'), () => 0, pass);
    expect(pass).toHaveBeenCalledTimes(1);
  });

  it('never reads the session for sampling without analytics consent (one number per page load instead)', () => {
    const { g, inputs } = gates({ sampleRate: 0.5 }, { errors: 'granted', analytics: 'denied' });
    g._error(draft('boom'), () => 0, vi.fn());
    expect(inputs._session).not.toHaveBeenCalled();
  });

  it('filters before the throttle: an ignored error takes no throttle slot and is not fingerprinted', () => {
    const { g, inputs, logged } = gates({ ignoreErrors: ['noise'], denyUrls: ['https://ads.example/'] });
    const pass = vi.fn();
    g._error(draft('some noise'), () => 0, pass);
    g._error(draft('boom', 0, 'Error: boom\n    at f (https://ads.example/a.js:1:2)'), () => 0, pass);
    expect(pass).not.toHaveBeenCalled();
    expect(inputs._fingerprint).not.toHaveBeenCalled();
    expect(g._throttle.size).toBe(0);
    expect(logged().filter((l) => l.startsWith('filtered out:'))).toHaveLength(2);
  });

  it('throttles a repeat inside the window and carries the count on the next report', () => {
    const { g } = gates();
    const pass = vi.fn();
    g._error(draft('boom', 0), () => 0, pass);
    g._error(draft('boom', 1_000), () => 0, pass);
    g._error(draft('boom', WINDOW_MS), () => 0, pass);
    expect(pass.mock.calls.map((c) => c[0])).toEqual([0, 1]);
  });
});

describe('Gates: events (consent ► refused ► sampling)', () => {
  it('an event needs analytics consent, whatever errors are allowed; its size is measured only when held', () => {
    const denied = gates({}, { errors: 'granted', analytics: 'denied' });
    const size = vi.fn(() => 10);
    const pass = vi.fn();
    denied.g._event('signup', size, () => 0, pass);
    expect(pass).not.toHaveBeenCalled();
    expect(size).not.toHaveBeenCalled();

    const granted = gates();
    granted.g._event('signup', size, () => 0, pass);
    expect(pass).toHaveBeenCalledTimes(1);
    expect(size).not.toHaveBeenCalled();

    const pending = gates({}, { errors: 'granted', analytics: 'pending' });
    pending.g._event('signup', size, () => 'held', pass);
    expect(size).toHaveBeenCalledTimes(1);
    pending.consent._set(GRANTED, (go) => go());
    expect(pass).toHaveBeenLastCalledWith('held');
  });

  it('a name the server refused this session is not sent, and stops before sampling', () => {
    const kept = gates({ eventSampleRate: 0.5 }, GRANTED, sessionWhere(true));
    kept.g._refused._add('web_vitals');
    const pass = vi.fn();
    kept.g._event('web_vitals', () => 0, () => 0, pass);
    kept.g._event('signup', () => 0, () => 0, pass);
    expect(pass.mock.calls).toEqual([[undefined]]);

    const leftOut = gates({ eventSampleRate: 0.5 }, GRANTED, sessionWhere(false));
    leftOut.g._refused._add('web_vitals');
    leftOut.g._event('web_vitals', () => 0, () => 0, pass);
    expect(leftOut.logged()).toEqual(['event "web_vitals" was refused by the server this session: not sent']);
  });

  it('events are sampled at eventSampleRate, errors at sampleRate', () => {
    const { g } = gates({ sampleRate: 1, eventSampleRate: 0 });
    const error = vi.fn();
    const event = vi.fn();
    g._error(draft('boom'), () => 0, error);
    g._event('signup', () => 0, () => 0, event);
    expect([error.mock.calls.length, event.mock.calls.length]).toEqual([1, 0]);
  });
});

describe('Gates: after the build (consent again ► beforeSend)', () => {
  const error = { id: 'e1', message: 'boom' } as ErrorItem;
  const event = { id: 'v1', eventName: 'signup' } as EventItem;

  it('returns the built JSON unchanged without a hook', () => {
    expect(gates().g._last('error', error, '{"built":1}')).toBe('{"built":1}');
  });

  it('asks consent again, per category: revoked since capture gives undefined, and beforeSend never runs', () => {
    const beforeSend = vi.fn((item: ErrorItem | EventItem) => item);
    const { g, consent } = gates({ beforeSend });
    consent._set({ errors: 'granted', analytics: 'denied' }, () => {});
    expect(g._last('event', event, '{}')).toBeUndefined();
    expect(beforeSend).not.toHaveBeenCalled();
    expect(g._last('error', error, '{}')).toBe(JSON.stringify(error));
    expect(beforeSend).toHaveBeenCalledWith(error, 'error');
  });

  it("beforeSend's null drops the item (''), and what it returns is what is sent", () => {
    const { g } = gates({ beforeSend: (item) => (item.id == 'e1' ? null : { ...item, extra: 1 }) });
    expect(g._last('error', error, '{}')).toBe('');
    expect(JSON.parse(g._last('event', event, '{}') as string)).toEqual({ ...event, extra: 1 });
  });
});
