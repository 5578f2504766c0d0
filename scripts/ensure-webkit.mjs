// Finds what `npm run test:webkit` drives: WebKitGTK's WebDriver (WebKitWebDriver), its
// MiniBrowser and Xvfb (WebKitGTK needs a display); on a Debian machine where we are root and
// one is missing, installs Debian's packages (webkit2gtk-driver brings the other two's libraries).
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const overridden = !!(process.env.WEBKIT_DRIVER_PATH || process.env.WEBKIT_BROWSER_PATH || process.env.XVFB_PATH);
const needed = {
  WebKitWebDriver: process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver',
  MiniBrowser: process.env.WEBKIT_BROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  Xvfb: process.env.XVFB_PATH || '/usr/bin/Xvfb',
};
const missing = () => Object.entries(needed).filter(([, path]) => !existsSync(path));

// Debian's packages put them at the default paths: a path set by hand is the user's to provide.
if (missing().length && !overridden && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log(`webkit: ${missing().map(([name]) => name).join(', ')} not found; installing Debian's "webkit2gtk-driver" and "xvfb" packages...`);
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq webkit2gtk-driver xvfb', { stdio: 'inherit' });
}
const still = missing();
if (still.length) {
  for (const [name, path] of still) console.error(`webkit: no ${name} at ${path}`);
  console.error('webkit: install them ("sudo apt-get install webkit2gtk-driver xvfb" on Debian/Ubuntu) or set WEBKIT_DRIVER_PATH, WEBKIT_BROWSER_PATH, XVFB_PATH.');
  process.exit(1);
}
console.log(`webkit: using ${Object.values(needed).join(', ')}`);
