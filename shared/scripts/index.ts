export * from './call-variables';
export * from './choose-script';
export * from './greeting';
export * from './render-step';
export * from './script-navigator';
