export { createQualitySlice, type CallQuality, type QualitySlice } from './quality-slice';
export { QualitySampler } from './quality-sampler';
export { QualityIndicator } from './quality-indicator';
