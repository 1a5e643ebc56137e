export * from './music/pitchNames';
export * from './contracts/analysis';
