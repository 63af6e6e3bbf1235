export * from './common';
export * from './contract';
export * from './validate-call';
export * from './wire';
