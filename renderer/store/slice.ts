import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './app-store';

/**
 * A feature's slice of the one bound store (zustand's slices guide): its state and the actions
 * that change it, side by side. Only a feature's own slice writes that feature's state.
 */
export type SliceCreator<T> = StateCreator<AppState, [], [], T>;
