// One POST: the page's fetch taken at creation, a timeout, the answer read, failures as status 0.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REQUEST_TIMEOUT_MS, requester } from '../../../src/delivery/request';

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
  vi.useRealTimers();
});

const settled = (post: ReturnType<typeof requester>, read?: (a: Response) => Promise<number>) =>
  new Promise<[number, Response | undefined, number | undefined]>((resolve) =>
    post!('https://t.example/x', { method: 'POST', body: '{}' }, read, (status, answer, refused) => resolve([status, answer, refused])),
  );

describe('requester', () => {
  it('is undefined where there is no fetch', () => {
    (globalThis as any).fetch = undefined;
    expect(requester()).toBeUndefined();
  });

  it('uses the fetch of the moment it was made, not a later wrapper', async () => {
    const original = vi.fn(async () => new Response('{}', { status: 200 }));
    globalThis.fetch = original as any;
    const post = requester();
    const wrapper = vi.fn();
    globalThis.fetch = wrapper as any;
    const [status] = await settled(post);
    expect(status).toBe(200);
    expect(original).toHaveBeenCalledTimes(1);
    expect(wrapper).not.toHaveBeenCalled();
    // With an abort signal for the timeout.
    expect((original.mock.calls[0] as any)[1].signal).toBeInstanceOf(AbortSignal);
  });

  it('passes the answer and what `read` makes of it; a read that throws counts nothing refused', async () => {
    globalThis.fetch = (async () => new Response('{"rejected":[1]}', { status: 200 })) as any;
    const [status, answer, refused] = await settled(requester(), async (a) => (await a.json()).rejected.length);
    expect([status, answer?.status, refused]).toEqual([200, 200, 1]);
    globalThis.fetch = (async () => new Response('not json', { status: 503 })) as any;
    expect((await settled(requester(), async (a) => (await a.json()).rejected.length))[2]).toBe(0);
    expect((await settled(requester()))[2]).toBe(0);
  });

  it('reports a rejected or throwing fetch as status 0, a task later', async () => {
    globalThis.fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as any;
    expect((await settled(requester()))[0]).toBe(0);
    globalThis.fetch = (() => {
      throw new TypeError('bad init');
    }) as any;
    expect((await settled(requester()))[0]).toBe(0);
  });

  it('aborts a request still unsettled after REQUEST_TIMEOUT_MS: status 0', async () => {
    vi.useFakeTimers();
    globalThis.fetch = ((_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as any;
    const result = settled(requester());
    let done = false;
    void result.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS - 1);
    expect(done).toBe(false);
    // The abort, then the task the failure waits.
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(1);
    expect((await result)[0]).toBe(0);
  });
});
