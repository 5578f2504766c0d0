import { topFrameKey } from './stack';
import { copyOf } from '../tools/text';

const MESSAGE_CHARS = 300;

/** Type, message and top in-app frame: what makes two errors "the same" for the throttle. */
export function fingerprint(type: string, message: string, stack: string, origin: string): string {
  // A copy: the throttle keeps the key, and pieces sliced from a huge message or stack would keep it alive.
  return copyOf(`${type}\n${message.slice(0, MESSAGE_CHARS)}\n${topFrameKey(stack, origin)}`);
}
