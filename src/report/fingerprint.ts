import { topFrameKey } from './stack';

const MESSAGE_CHARS = 300;

/** Type, message and top in-app frame: what makes two errors "the same" for the throttle. */
export function fingerprint(type: string, message: string, stack: string, origin: string): string {
  return `${type}\n${message.slice(0, MESSAGE_CHARS)}\n${topFrameKey(stack, origin)}`;
}
