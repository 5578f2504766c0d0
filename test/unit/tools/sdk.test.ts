// The SDK's name and version as every request carries them: the version is package.json's.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { SDK_MEMBER, SDK_NAME, SDK_VERSION } from '../../../src/tools/sdk';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));

describe('sdk', () => {
  it('is the package as published: its name and the version package.json gives', () => {
    expect(SDK_NAME).toBe(pkg.name);
    expect(SDK_VERSION).toBe(pkg.version);
  });

  it('is one JSON member to splice into a body: `"sdk":{"name":…,"version":…}`', () => {
    expect(JSON.parse(`{${SDK_MEMBER}}`)).toEqual({ sdk: { name: pkg.name, version: pkg.version } });
  });
});
