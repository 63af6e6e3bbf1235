export { createWrapUpSlice, type WrapUpEntry, type WrapUpSlice } from './wrap-up-slice';
export { WrapUpController, type DraftPatch, type WrapUpCall } from './wrap-up-controller';
export { NotesColumn } from './notes-column';
