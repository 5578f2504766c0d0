'use client';
// Loads the visitor's saved feature flags while the module evaluates, asynchronously, as apps
// often do. A corrupt saved value rejects a promise nobody handles; the page works on, flagless.
const saved = typeof localStorage == 'undefined' ? null : localStorage.getItem('flags');

async function parseFlags(text) {
  return text ? JSON.parse(text) : {};
}

/** The visitor's flags, once parsed (none until then). */
export let flags = {};
if (typeof window != 'undefined') parseFlags(saved).then((parsed) => (flags = parsed));

// The layout renders it for its module, as apps render their flags or analytics components.
export function FeatureFlags() {
  return null;
}
