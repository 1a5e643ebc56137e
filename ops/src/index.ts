export * from './stackSettings';
export * from './chromiumFlags';
export { freePort } from './freePort';
export {
  startInfrastructure,
  stopServices,
  stopService,
  STACK_TOPICS,
  type RunningStack,
} from './localStack';
export {
  bindServicesToOwner,
  launch,
  waitUntilReady,
  stopProcessGroup,
  isAlive,
  type ServiceHandle,
} from './serviceProcess';
export { makeDataDir } from './serviceDirs';
