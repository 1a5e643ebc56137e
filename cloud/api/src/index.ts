export { buildApp, type AppDeps } from './app';
export { AccountService } from './services/accountService';
export { UploadService } from './services/uploadService';
