// Requests Node's HTTP parser refuses (a bad request line, headers over 16 KiB, a timeout)
// never reach the router; answer them the way every other error is answered: short JSON,
// nosniff, and the connection closed.

/** @type {Record<string, [number, string, string]>} */
const ANSWERS = {
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large', 'request headers too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout', 'request took too long'],
};

/** @param {Error & { code?: string }} err @param {import('node:net').Socket} socket */
export function answerClientError(err, socket) {
  if (!socket.writable || err.code === 'ECONNRESET') return void socket.destroy();
  const [status, text, message] = (err.code !== undefined ? ANSWERS[err.code] : undefined) ?? [400, 'Bad Request', 'malformed request'];
  const body = JSON.stringify({ error: message });
  socket.end([`HTTP/1.1 ${status} ${text}`, 'Content-Type: application/json; charset=utf-8', 'X-Content-Type-Options: nosniff',
    'Connection: close', `Content-Length: ${body.length}`, '', body].join('\r\n'));
}
