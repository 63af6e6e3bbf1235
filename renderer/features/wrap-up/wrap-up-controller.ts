import type { HostClient, WrapUpDraft } from '../../../shared';
import type { AppStore } from '../../store/app-store';
import type { WrapUpEntry } from './wrap-up-slice';

export type DraftPatch = Partial<Pick<WrapUpDraft, 'category' | 'priority' | 'disposition' | 'notes'>>;

/** The call a wrap-up is for, as the softphone saw it. */
export interface WrapUpCall {
  callId: string;
  number: string;
  startedAt: string;
  line: 1 | 2;
  label: string;
}

/**
 * Each answered call's notes and wrap-up, by call id: open from the answer (the agent writes while
 * the caller speaks), completed when the call ends, filed once. Drafts are saved on every change,
 * one save at a time and in order (a later save can never be overwritten by an earlier one), so a
 * crash loses at most the keystroke in flight.
 */
export class WrapUpController {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: AppStore,
    private readonly host: Pick<HostClient, 'wrapup:saveDraft' | 'wrapup:listDrafts' | 'wrapup:submit'>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private entry(callId: string): WrapUpEntry | null {
    return this.store.getState().wrapUps.entries[callId] ?? null;
  }

  /** The call was answered: its notes open now (consultation legs get none). */
  open(call: WrapUpCall, customerId: string | null): void {
    if (this.entry(call.callId)) return;
    const draft: WrapUpDraft = {
      callId: call.callId,
      customerId,
      phone: call.number.slice(0, 64),
      startedAt: call.startedAt,
      endedAt: null,
      category: null,
      priority: 'normal',
      disposition: null,
      notes: '',
      updatedAt: this.clock().toISOString(),
      quality: null,
      label: call.label.slice(0, 200),
      line: call.line,
    };
    this.put({ draft, status: 'editing', error: null, restored: false });
  }

  /** The card found the customer after the answer: the record is filed against them. */
  identify(callId: string, customer: { id: string; name: string }): void {
    const e = this.entry(callId);
    if (!e || e.status === 'saving' || e.draft.customerId === customer.id) return;
    this.put({ ...e, draft: { ...e.draft, customerId: customer.id, label: customer.name.slice(0, 200) } });
  }

  /** The call ended: the form waits in the queue until it is filed. */
  callEnded(callId: string, endedAt: string, quality: WrapUpDraft['quality']): void {
    const e = this.entry(callId);
    if (!e) return;
    this.put({ ...e, draft: { ...e.draft, endedAt, quality: quality ?? e.draft.quality ?? null } });
  }

  /** On start: bring back every unfiled wrap-up (crash, kill -9, closed window), oldest first. */
  async restore(): Promise<WrapUpDraft[]> {
    const drafts = [...(await this.host['wrapup:listDrafts']({}))].reverse();
    const back = drafts.filter((d) => !this.entry(d.callId));
    // A draft whose call was lost with the crash ended then, as far as anyone can tell.
    for (const draft of back)
      this.store.getState().putWrapUp({
        draft: { ...draft, endedAt: draft.endedAt ?? draft.updatedAt },
        status: 'editing',
        error: null,
        restored: true,
      });
    return back;
  }

  edit(callId: string, patch: DraftPatch): void {
    const e = this.entry(callId);
    if (!e || e.status === 'saving') return;
    this.put({ ...e, draft: { ...e.draft, ...patch }, status: 'editing', error: null });
  }

  private put(e: WrapUpEntry): void {
    const entry = { ...e, draft: { ...e.draft, updatedAt: this.clock().toISOString() } };
    this.store.getState().putWrapUp(entry);
    this.chain = this.chain
      .then(() => this.host['wrapup:saveDraft'](entry.draft))
      .catch(() => this.store.getState().setNotice('wrapup.failed', { reason: 'draft' }));
  }

  /** Files the call's record (once the call has ended). Resolves true when it is in the outbox. */
  async submit(callId: string, agent: string): Promise<boolean> {
    const e = this.entry(callId);
    if (!e || e.status === 'saving') return false;
    const { draft } = e;
    const set = (status: WrapUpEntry['status'], error: string | null) =>
      this.store.getState().putWrapUp({ ...e, status, error });
    if (!draft.endedAt) {
      set('error', 'inCall');
      return false;
    }
    if (!draft.category || !draft.priority || !draft.disposition) {
      set('error', 'required');
      return false;
    }
    set('saving', null);
    await this.chain; // the last draft save lands before the filed record
    try {
      await this.host['wrapup:submit']({
        id: crypto.randomUUID(),
        callId: draft.callId,
        customerId: draft.customerId,
        phone: draft.phone,
        agent: agent || 'agent',
        startedAt: draft.startedAt,
        endedAt: draft.endedAt,
        category: draft.category,
        priority: draft.priority,
        disposition: draft.disposition,
        notes: draft.notes,
        quality: draft.quality ?? null,
      });
      this.store.getState().markFiled(callId);
      return true;
    } catch (err) {
      set('error', err instanceof Error ? err.message : String(err));
      return false;
    }
  }

  /** Wrap-ups not yet filed, oldest first. */
  pending(): WrapUpEntry[] {
    const { entries, order } = this.store.getState().wrapUps;
    return order.map((id) => entries[id]!);
  }
}
