import type { TestProject } from 'vitest/node';
import { bindServicesToOwner } from '../../src/serviceProcess';
import { stopServices } from '../../src/localStack';
import { startXvfb } from '../../src/services/xvfb';
import './providedContext';

// Browser runs get a virtual display for headful Chromium; it is stopped on teardown or by its watchdog.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  bindServicesToOwner(process.pid);
  const xvfb = await startXvfb();
  console.log(`[stack] xvfb ready in ${xvfb.readyMs} ms (pid ${xvfb.pid}, display ${xvfb.settings.display})`);
  project.provide('display', xvfb.settings.display);
  project.provide('chromiumPath', process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
  return async () => {
    await stopServices([xvfb]);
  };
}
