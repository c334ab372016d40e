import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's package (`apt-get install -y chromium`); elsewhere, point DASHBOARD_CHROMIUM at a Chromium or Chrome. */
export const CHROMIUM_PATH = process.env.DASHBOARD_CHROMIUM ?? '/usr/bin/chromium';

/** A headless Chromium, or an error that says how to get one: the browser test never passes by not running. */
export function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}: install it (Debian: apt-get install -y chromium) or set DASHBOARD_CHROMIUM ` +
        'to the path of a Chromium or Chrome executable.',
    );
  }
  // --no-sandbox: CI and this VM run tests as root, where Chromium's sandbox refuses to start
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
}
