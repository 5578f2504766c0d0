// What every report says about who and where: tags, the user set by the page, the viewport.
import { cut } from '../tools/text';
import { describeArgument } from './describe';

export const MAX_TAGS = 50;
export const MAX_TAG_KEY = 64;
export const MAX_TAG_VALUE = 200;
export const MAX_USER_ID = 200;

/** Sets (or, with null/undefined, removes) a tag; values are kept as short strings. */
export function setTag(tags: Record<string, string>, name: unknown, value: unknown): void {
  if (typeof name != 'string' || !name) return;
  const key = cut(name, MAX_TAG_KEY);
  if (value == null) delete tags[key];
  else if (key in tags || Object.keys(tags).length < MAX_TAGS) tags[key] = cut(typeof value == 'string' ? value : describeArgument(value), MAX_TAG_VALUE);
}

/** A user id as sent: a non-empty string or number, cut short; anything else clears it. */
export function userIdOf(id: unknown): string | undefined {
  return (typeof id == 'string' && id) || typeof id == 'number' ? cut(String(id), MAX_USER_ID) : undefined;
}

export function viewport(): { w: number; h: number } | undefined {
  try {
    return { w: innerWidth, h: innerHeight };
  } catch {
    return undefined;
  }
}
