// Finds Firefox ESR for `npm run test:firefox` (puppeteer-core drives it over WebDriver BiDi);
// on a Debian machine where we are root and it is missing, installs Debian's package.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const path = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
if (existsSync(path)) {
  console.log(`firefox: using ${path}`);
} else if (process.getuid?.() === 0) {
  console.log('firefox: not found; installing Debian\'s "firefox-esr" package...');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr', { stdio: 'inherit' });
} else {
  console.error('firefox: install Firefox ESR ("sudo apt-get install firefox-esr") or set FIREFOX_PATH.');
  process.exit(1);
}
