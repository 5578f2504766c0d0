// The automatic breadcrumbs as one part: clicks, console and network, each installed under
// its own guard (a frozen console leaves clicks and network working). Navigation crumbs come
// with the routes part, which watches the same history changes.
import { installClicks } from './clicks';
import { installConsole } from './console';
import { installNetwork } from './network';
import { ownRequests } from '../requests';
import { sessionId } from '../../tools/session';
import { startPart, type Start } from '../../tools/guard';
import type { Part, Stop } from '../../tools/part';

/** Which automatic breadcrumbs are recorded (custom ones from `addBreadcrumb` always are). */
export interface BreadcrumbSwitches {
  /** Clicks, as a short selector plus visible text (default true). */
  clicks?: boolean;
  /** console.warn and console.error (default true). */
  console?: boolean;
  /** console.log too (default false). */
  consoleLog?: boolean;
  /** fetch and XMLHttpRequest (default true). */
  network?: boolean;
}

export function breadcrumbs(switches: BreadcrumbSwitches = {}): Part {
  const on = (key: keyof BreadcrumbSwitches, byDefault = true) => (switches[key] === undefined ? byDefault : !!switches[key]);
  return {
    _name: 'breadcrumbs',
    _start(host) {
      const stops: Stop[] = [];
      const part = (what: string, start: Start) => startPart(host._log, stops, what, start);
      const add = host._crumb;
      // A click is visitor activity: it keeps the session alive.
      if (on('clicks')) part('click breadcrumbs', () => installClicks(add, () => sessionId()));
      const levels = on('console') ? ['warn', 'error'] : [];
      if (on('consoleLog', false)) levels.push('log');
      if (levels.length) part('console breadcrumbs', () => installConsole(add, levels));
      if (on('network')) part('network breadcrumbs', () => installNetwork(add, ownRequests(host._server)));
      return () => stops.forEach((stop) => stop());
    },
  };
}
