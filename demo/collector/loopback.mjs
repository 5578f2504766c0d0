// Loopback checks, for what only this machine may do: test controls, token-free reads.
import { isIP } from 'node:net';

/**
 * Whether a socket's remote address is this machine (IPv4 127/8, ::1, or IPv4-mapped 127/8).
 * @param {unknown} address
 */
export function isLoopbackAddress(address) {
  if (typeof address !== 'string') return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return (isIP(v4) === 4 && v4.startsWith('127.')) || address === '::1';
}

/**
 * Whether a host name (a listen address or a Host header, with or without port) names this
 * machine. Checking the Host header too defeats DNS rebinding: a page on evil.test that
 * rebinds its name to 127.0.0.1 still sends `Host: evil.test`.
 * @param {unknown} host
 */
export function isLoopbackHost(host) {
  if (typeof host !== 'string' || host === '') return false;
  let name = host.toLowerCase();
  if (name.startsWith('[')) name = name.slice(1, name.indexOf(']'));
  else if (isIP(name) !== 6) name = name.replace(/:\d*$/, '');
  return name === 'localhost' || isLoopbackAddress(name);
}

/**
 * The address a per-address limit counts: IPv4-mapped IPv6 folded onto IPv4.
 * @param {import('node:net').Socket} socket
 */
export const clientAddress = (socket) => {
  const address = socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
};
