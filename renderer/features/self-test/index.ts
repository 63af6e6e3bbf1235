export { createSelfTestSlice, type SelfTestSlice } from './self-test-slice';
export { SelfTestRunner } from './self-test-runner';
export { SelfTestPanel } from './self-test-panel';
export { readyAllowed, type SelfTestState } from './self-test-checks';
