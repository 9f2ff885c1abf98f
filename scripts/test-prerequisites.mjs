// Runs first in `npm test`: the browser tests need Debian's Chromium at /usr/bin/chromium, and
// the generated-report tests turn PDFs into page images and text with poppler (pdftoppm,
// pdftotext at /usr/bin, Debian's poppler-utils). As root on Debian the missing packages are
// installed the way .ci/run always did (apt-get); otherwise the run stops before it starts,
// saying exactly what is missing and the command that installs it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian package → the file the tests need from it. */
const NEEDED = [
  { pkg: 'chromium', file: '/usr/bin/chromium', why: 'the browser tests' },
  { pkg: 'poppler-utils', file: '/usr/bin/pdftoppm', why: 'the generated PDF tests (pdftoppm, pdftotext)' },
];

function has(command) {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = () => NEEDED.filter((n) => !existsSync(n.file));

if (missing().length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && has('apt-get')) {
    const pkgs = missing().map((n) => n.pkg);
    console.log(`[test] missing ${pkgs.join(', ')}: installing from Debian for the tests …`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...pkgs], { stdio: 'inherit', env });
  }
  const still = missing();
  if (still.length > 0) {
    console.error(
      `[test] ${still.map((n) => `${n.why} need ${n.file} (Debian's ${n.pkg})`).join('; ')}, which is missing.\n` +
        '       Install it, then run npm test again:\n' +
        `         sudo apt-get update && sudo apt-get install -y ${still.map((n) => n.pkg).join(' ')}\n` +
        '       (npm test installs it by itself when run as root on Debian.)',
    );
    process.exit(1);
  }
}
