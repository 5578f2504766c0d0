// Script-tag entry: defines window.Tracely (the class, with the module functions on it).
import { Tracely } from './tracely';
import { setOwnScript } from './root/boot';
import { captureError, onRouteChange, reportEvent } from './functions';
import { SDK_VERSION } from './tools/sdk';

try {
  const script = document.currentScript as HTMLScriptElement | null;
  setOwnScript(script?.src || undefined);
} catch {
  // No document (a worker): nothing to record.
}

export default Object.assign(Tracely, { Tracely, captureError, onRouteChange, reportEvent, SDK_VERSION });
