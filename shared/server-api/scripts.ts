import { z } from 'zod';
import { Id, IsoTime } from '../domain/customer';
import { ScriptDraft } from '../domain/script-template';
import { TeamDispositionCode } from '../domain/wrap-up-details';

/**
 * Guided scripts and disposition codes on the central server (issue 11). A script is stored as
 * immutable versions; each team has one current version per script id, and that is what the
 * changes feed carries to the team's seats. Only a lead of the team (or an admin) changes them.
 */

export const TeamScriptParams = z.object({ team: Id, id: Id }).strict();
export const TeamParamsOnly = z.object({ team: Id }).strict();
export const TeamCodeParams = z.object({ team: Id, code: TeamDispositionCode.shape.code }).strict();

/** `POST /v1/teams/:team/scripts`: the draft is checked as a GuidedScript (size, cycles, no HTML). */
export const ScriptPublishRequest = ScriptDraft;
export type ScriptPublishRequest = z.infer<typeof ScriptPublishRequest>;

export const ScriptRestoreRequest = z.object({ version: z.number().int().min(1).max(1_000_000) }).strict();
export type ScriptRestoreRequest = z.infer<typeof ScriptRestoreRequest>;

/** One stored version (without its body): the list a lead picks a version to restore from. */
export const ScriptVersionInfo = z
  .object({
    id: Id,
    team: Id,
    version: z.number().int().min(1),
    name: z.string(),
    publishedBy: Id,
    publishedAt: IsoTime,
    /** The version this one was restored from; null for an ordinary publish. */
    restoredFrom: z.number().int().min(1).nullable(),
    /** This version is the team's current one (what the seats run). */
    current: z.boolean(),
  })
  .strict();
export type ScriptVersionInfo = z.infer<typeof ScriptVersionInfo>;

/** `PUT /v1/teams/:team/dispositions/:code`: create or change a code; `active: false` retires it. */
export const DispositionCodeUpsert = TeamDispositionCode.omit({ team: true, code: true });
export type DispositionCodeUpsert = z.infer<typeof DispositionCodeUpsert>;
