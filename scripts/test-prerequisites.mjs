// Runs first in `npm test`: the browser tests need Debian's Chromium at /usr/bin/chromium.
// As root on Debian it is installed the way .ci/run always did (apt-get); otherwise the run
// stops before it starts, saying exactly what is missing and the command that installs it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

function has(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

if (!existsSync(CHROMIUM)) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && has('apt-get')) {
    console.log(`[test] ${CHROMIUM} is missing: installing Debian's chromium for the browser tests …`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  }
  if (!existsSync(CHROMIUM)) {
    console.error(
      `[test] The browser tests need Debian's Chromium at ${CHROMIUM}, which is missing.\n` +
        '       Install it, then run npm test again:\n' +
        '         sudo apt-get update && sudo apt-get install -y chromium\n' +
        '       (npm test installs it by itself when run as root on Debian.)',
    );
    process.exit(1);
  }
}
