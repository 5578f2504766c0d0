// Installs the automatic breadcrumb sources the configuration asks for; navigation crumbs
// come with route tracking (client.ts), which watches the same history changes.
import { installClicks } from './clicks';
import { installConsole } from './console';
import { installNetwork, ownRequests } from './network';
import { sessionId } from '../../tools/session';
import type { AddCrumb } from './ring';
import type { Config } from '../../root/config';
import type { Start } from '../../tools/guard';

/** Starts each automatic breadcrumb source the configuration asks for, each as a part of its own. */
export function installBreadcrumbs(c: Config, add: AddCrumb, part: (what: string, start: Start) => void): void {
  const b = c.breadcrumbs;
  // A click is visitor activity: it keeps the session alive.
  if (b.clicks) part('click breadcrumbs', () => installClicks(add, () => sessionId()));
  const levels = b.console ? ['warn', 'error'] : [];
  if (b.consoleLog) levels.push('log');
  if (levels.length) part('console breadcrumbs', () => installConsole(add, levels));
  if (b.network) part('network breadcrumbs', () => installNetwork(add, ownRequests(c.host)));
}
