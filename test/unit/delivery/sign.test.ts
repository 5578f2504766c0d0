import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { authenticate, signature } from '../../../src/delivery/sign';
import { hmacSha256 } from '../../../src/delivery/hmac';
import { toHex } from '../../../src/tools/env';

describe('request signature', () => {
  it('matches the protocol vector (ASCII)', () => {
    expect(signature('my-app-secret', 'my-app-id', '1700000000', '0123456789abcdef0123456789abcdef')).toBe(
      '9424363869a99c02bc9edb908138041c75596ffdf71e15181d4da56f79126283',
    );
  });

  it('matches the protocol vector (UTF-8 key and app id)', () => {
    expect(signature('密钥-secret', '应用-app', '1700000000', 'ffffffffffffffffffffffffffffffff')).toBe(
      'c1a45b0364bb585de2c19f4654f2a334f7bb37146e600ea392340206804e4a8b',
    );
  });

  it('matches RFC 4231 test case 2 and a key longer than the block (case 6)', () => {
    expect(toHex(hmacSha256('Jefe', 'what do ya want for nothing?'))).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    const longKey = '\xaa'.repeat(131);
    // RFC 4231 uses raw bytes 0xaa; our keys are UTF-8 text, so compare against Node's HMAC on the same UTF-8 bytes.
    const expected = createHmac('sha256', Buffer.from(longKey, 'utf8')).update('Test Using Larger Than Block-Size Key - Hash Key First').digest('hex');
    expect(toHex(hmacSha256(longKey, 'Test Using Larger Than Block-Size Key - Hash Key First'))).toBe(expected);
  });

  it('agrees with Node crypto on random inputs', () => {
    for (let i = 0; i < 50; i++) {
      const key = Math.random().toString(36).repeat(i % 7);
      const msg = '消息' + Math.random().toString(36).repeat(i);
      expect(toHex(hmacSha256(key, msg))).toBe(createHmac('sha256', key).update(msg).digest('hex'));
    }
  });

  it("keeps each key's own result when keys alternate (the padded key blocks are cached per key)", () => {
    for (const key of ['a', 'b', 'a', 'k'.repeat(65), 'a', '', 'b']) {
      expect(toHex(hmacSha256(key, 'message'))).toBe(createHmac('sha256', key).update('message').digest('hex'));
    }
  });

  it('authenticate gives whole-second timestamps and fresh 32-hex nonces', () => {
    const a = authenticate('app', 'secret', 1_700_000_000_999);
    const b = authenticate('app', 'secret', 1_700_000_000_999);
    expect(a.timestamp).toBe('1700000000');
    expect(a.nonce).toMatch(/^[0-9a-f]{32}$/);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.signature).toBe(signature('secret', 'app', a.timestamp, a.nonce));
  });
});
