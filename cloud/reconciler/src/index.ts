export * from './reconcilerService';
export { ReconcileLoop } from './reconcileLoop';
