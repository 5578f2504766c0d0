// Click crumbs from one delegated capture-phase listener: the element as a short selector
// plus its visible text. Values typed into fields are never read, not even as "text".
import { listen } from '../../tools/listen';
import { cut } from '../../tools/text';
import { hidePersonal } from '../../report/scrub';
import type { AddCrumb } from './ring';

export const MAX_SELECTOR = 80;
export const MAX_CLICK_TEXT = 40;
/** The same element clicked again within this is one crumb (double clicks, rage clicks). */
export const SAME_CLICK_MS = 1000;
const ATTRIBUTES = ['name', 'aria-label', 'data-testid'];
/** A click on an icon inside a button is described as the button. */
const INTERACTIVE = 'a,button,input,select,textarea,label,summary,[role=button],[role=link],[onclick]';
/** Elements whose content is what the visitor typed. */
const FIELDS = /^(INPUT|TEXTAREA|SELECT|OPTION)$/;
/** Descendants whose text is what the visitor typed or the page prefilled for them. */
const HOLDS_TYPED = 'textarea,[contenteditable]';

/**
 * What the page shows, cut to `max`, email addresses and long numbers hidden (a menu's "Signed in
 * as …", a phone). The search runs on twice `max`: bounded work, and what the cut would halve is hidden whole.
 */
const shown = (text: string, max: number) => cut(hidePersonal(cut(text, 2 * max)), max);

export function describeElement(el: Element): string {
  let s = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
  const classes = el.classList;
  for (let i = 0; i < classes.length && i < 2; i++) s += '.' + classes[i];
  for (const name of ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value) s += `[${name}="${value}"]`;
  }
  return shown(s, MAX_SELECTOR);
}

function visibleText(el: Element, interactive: boolean): string {
  // textContent of a large container walks all of it: only small or interactive elements.
  // A label's text includes a nested textarea's content (a prefilled address) or a contenteditable's.
  if (FIELDS.test(el.tagName) || (el as HTMLElement).isContentEditable || (interactive ? el.querySelector(HOLDS_TYPED) : el.childElementCount)) return '';
  return shown((el.textContent || '').replace(/\s+/g, ' ').trim(), MAX_CLICK_TEXT);
}

export function installClicks(add: AddCrumb, onActivity: () => void): () => void {
  let last: Element | undefined;
  let lastAt = 0;
  const onClick = (event: Event) => {
    try {
      const target = event.target as Node | null;
      const node = target && (target.nodeType === 1 ? (target as Element) : target.parentElement);
      if (!node) return;
      const hit = node.closest(INTERACTIVE);
      const el = hit || node;
      const now = Date.now();
      if (el === last && now - lastAt < SAME_CLICK_MS) return;
      last = el;
      lastAt = now;
      onActivity();
      const text = visibleText(el, !!hit);
      add({ type: 'click', time: now, message: describeElement(el), data: text ? { text } : undefined });
    } catch {
      // Never into the page.
    }
  };
  return listen(document, 'click', onClick, true);
}
