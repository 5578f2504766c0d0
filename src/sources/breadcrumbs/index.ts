// Installs the automatic breadcrumb sources the configuration asks for; navigation crumbs
// come with route tracking (client.ts), which watches the same history changes.
import { installClicks } from './clicks';
import { installConsole } from './console';
import { installNetwork, ownRequests } from './network';
import { sessionId } from '../../tools/session';
import type { AddCrumb } from './ring';
import type { Config } from '../../root/config';

export function installBreadcrumbs(c: Config, add: AddCrumb): Array<() => void> {
  const b = c.breadcrumbs;
  const undo: Array<() => void> = [];
  // A click is visitor activity: it keeps the session alive.
  if (b.clicks) undo.push(installClicks(add, () => sessionId()));
  const levels = b.console ? ['warn', 'error'] : [];
  if (b.consoleLog) levels.push('log');
  if (levels.length) undo.push(installConsole(add, levels));
  if (b.network) undo.push(installNetwork(add, ownRequests(c.host)));
  return undo;
}
