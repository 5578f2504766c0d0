// Browser, OS and device of a report, from the User-Agent its request carried, parsed with
// ua-parser-js (maintained; its 1.x line is MIT).
import UAParser from 'ua-parser-js';

/** Longest User-Agent parsed, in characters (the parser's regexes run over all of it). */
export const MAX_USER_AGENT_CHARS = 512;

/**
 * @param {string | null | undefined} ua
 * @returns {{ browser: string, os: string, device: string }} empty strings for what is unknown
 */
export function describeUserAgent(ua) {
  if (!ua) return { browser: '', os: '', device: '' };
  const { browser, os, device } = new UAParser(ua.slice(0, MAX_USER_AGENT_CHARS)).getResult();
  const join = (/** @type {(string | undefined)[]} */ ...parts) => parts.filter(Boolean).join(' ');
  return { browser: join(browser.name, browser.version), os: join(os.name, os.version), device: join(device.vendor, device.model, device.type && `(${device.type})`) };
}
