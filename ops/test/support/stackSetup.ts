import type { TestProject } from 'vitest/node';
import { bindServicesToOwner } from '../../src/serviceProcess';
import { startInfrastructure, stopServices } from '../../src/localStack';
import './providedContext';

// Integration runs start the real services once, and always stop them: on teardown, and through a watchdog
// if this process is killed before teardown can run.
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  bindServicesToOwner(process.pid);
  const stack = await startInfrastructure();
  for (const service of stack.services) {
    console.log(`[stack] ${service.name} ready in ${service.readyMs} ms (pid ${service.pid})`);
  }
  project.provide('services', stack.settings);
  return async () => {
    await stopServices(stack.services);
  };
}
