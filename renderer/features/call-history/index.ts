export { CallRecorder } from './call-recorder';
export { callOutcome, callRecord, type EndedCallFacts } from './call-outcome';
export { formatCallTime, formatDuration } from './call-format';
export { RecentCallsPanel } from './recent-calls-panel';
