// Finds a Chromium for the end-to-end tests. On a Debian machine where we are root and
// none is installed, installs Debian's package and says so; elsewhere says what to install.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

export const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium() {
  return CANDIDATES.find((path) => path && existsSync(path));
}

function canApt() {
  try {
    execSync('command -v apt-get', { stdio: 'ignore' });
    return typeof process.getuid === 'function' && process.getuid() === 0;
  } catch {
    return false;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = findChromium();
  if (found) {
    console.log(`e2e: using Chromium at ${found}`);
  } else if (canApt()) {
    console.log('e2e: no Chromium found; installing Debian\'s "chromium" package (apt-get install -y chromium)...');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
    console.log(`e2e: installed Chromium at ${findChromium()}`);
  } else {
    console.error('e2e: no Chromium found. Install one (Debian/Ubuntu: "sudo apt-get install chromium"), or set CHROMIUM_PATH to its binary.');
    process.exit(1);
  }
}
