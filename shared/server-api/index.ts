export * from './agent-state';
export * from './auth';
export * from './changes';
export * from './errors';
export * from './outbox';
export * from './reference';
export * from './routes';
export * from './snapshot';
