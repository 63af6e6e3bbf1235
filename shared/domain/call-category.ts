import { z } from 'zod';

/** Every call is classified into exactly one of these (domain.md §4). */
export const callCategories = ['inquiry', 'complaint', 'suggestion', 'urgent'] as const;
export const CallCategory = z.enum(callCategories);
export type CallCategory = z.infer<typeof CallCategory>;

/** Priority by urgency and importance. */
export const priorities = ['low', 'normal', 'high', 'critical'] as const;
export const Priority = z.enum(priorities);
export type Priority = z.infer<typeof Priority>;

/**
 * Default disposition codes. Later the central server owns the list per team;
 * until then these are the codes every seat starts with.
 */
export const dispositions = [
  'resolved',
  'escalated',
  'transferred',
  'callback-scheduled',
  'information-sent',
  'no-action-needed',
] as const;
export const Disposition = z.enum(dispositions);
export type Disposition = z.infer<typeof Disposition>;
