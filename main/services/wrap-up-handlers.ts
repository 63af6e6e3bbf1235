import { normalizeNumber, type HostHandlers, type TeamDispositionCode } from '../../shared';
import type { WrapUpDraftRepository } from '../db/wrap-up-draft-repository';
import type { WrapUpRepository } from '../db/wrap-up-repository';
import { checkWrapUpDetails } from './wrap-up-details-check';

export type WrapUpHandlers = Pick<
  HostHandlers,
  'wrapup:saveDraft' | 'wrapup:listDrafts' | 'wrapup:discardDraft' | 'wrapup:submit'
>;

/** Drafts autosave as the agent types; submit files the wrap-up once, durably. */
export function createWrapUpHandlers(deps: {
  drafts: WrapUpDraftRepository;
  wrapUps: WrapUpRepository;
  clock: () => Date;
  defaultRegion: () => string;
  /** The team's cached disposition codes, active and retired (the complete wrap-up's rules). */
  dispositionCodes?: () => readonly TeamDispositionCode[];
}): WrapUpHandlers {
  return {
    'wrapup:saveDraft': (draft) => {
      const savedAt = deps.clock().toISOString();
      deps.drafts.save(draft, savedAt);
      return { savedAt };
    },
    'wrapup:listDrafts': () => deps.drafts.list(),
    'wrapup:discardDraft': ({ callId }) => ({ discarded: deps.drafts.discard(callId) }),
    'wrapup:submit': (wrapUp) => {
      // Refused before anything is stored: no interaction, no outbox row, the draft kept.
      checkWrapUpDetails(wrapUp, deps.dispositionCodes?.() ?? []);
      // File the local interaction under E.164 so the next call from that number finds it.
      const n = normalizeNumber(wrapUp.phone, deps.defaultRegion());
      const phone = n.kind === 'e164' ? n.e164 : wrapUp.phone;
      const { duplicate } = deps.wrapUps.file(wrapUp, deps.clock(), phone);
      return { interactionId: wrapUp.id, duplicate };
    },
  };
}
