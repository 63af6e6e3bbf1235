export { createPopSlice, popCustomer, type PopSlice, type PopSnapshot } from './pop-slice';
export { PopLoader } from './pop-loader';
export { ScreenPopCard } from './screen-pop-card';
