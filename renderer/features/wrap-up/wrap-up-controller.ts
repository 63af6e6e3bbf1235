import type { HostClient, WrapUpDraft } from '../../../shared';
import type { AppStore } from '../../store/app-store';

/**
 * Wrap-up drafts are saved on every change, one save at a time and in order (a later save can
 * never be overwritten by an earlier one), so a crash loses at most the keystroke in flight.
 */
export class WrapUpController {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: AppStore,
    private readonly host: HostClient,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Opens the form for a call that just ended (answered calls only). */
  begin(
    call: { callId: string; number: string; startedAt: string; endedAt: string | null },
    customerId: string | null,
    quality: WrapUpDraft['quality'] = null,
  ) {
    const draft: WrapUpDraft = {
      callId: call.callId,
      customerId,
      phone: call.number.slice(0, 64),
      startedAt: call.startedAt,
      endedAt: call.endedAt,
      category: null,
      priority: 'normal',
      disposition: null,
      notes: '',
      updatedAt: this.clock().toISOString(),
      quality,
    };
    this.store.setState({ wrapUp: { draft, status: 'editing', error: null, restored: false } });
    this.persist(draft);
  }

  /** On start: bring back an unfinished wrap-up (crash, kill -9, closed window). */
  async restore(): Promise<void> {
    const drafts = await this.host['wrapup:listDrafts']({});
    const draft = drafts.at(-1);
    if (draft && !this.store.getState().wrapUp) {
      this.store.setState({ wrapUp: { draft, status: 'editing', error: null, restored: true } });
    }
  }

  edit(patch: Partial<Pick<WrapUpDraft, 'category' | 'priority' | 'disposition' | 'notes'>>) {
    const w = this.store.getState().wrapUp;
    if (!w || w.status === 'filed') return;
    const draft = { ...w.draft, ...patch, updatedAt: this.clock().toISOString() };
    this.store.setState({ wrapUp: { ...w, draft, status: 'editing', error: null } });
    this.persist(draft);
  }

  private persist(draft: WrapUpDraft) {
    this.chain = this.chain
      .then(() => this.host['wrapup:saveDraft'](draft))
      .catch(() => this.store.getState().setNotice('wrapup.failed', { reason: 'draft' }));
  }

  async submit(agent: string): Promise<void> {
    const w = this.store.getState().wrapUp;
    if (!w) return;
    const { draft } = w;
    if (!draft.category || !draft.priority || !draft.disposition) {
      this.store.setState({ wrapUp: { ...w, status: 'error', error: 'required' } });
      return;
    }
    this.store.setState({ wrapUp: { ...w, status: 'saving', error: null } });
    await this.chain; // the last draft save lands before the filed record
    try {
      await this.host['wrapup:submit']({
        id: crypto.randomUUID(),
        callId: draft.callId,
        customerId: draft.customerId,
        phone: draft.phone,
        agent: agent || 'agent',
        startedAt: draft.startedAt,
        endedAt: draft.endedAt ?? this.clock().toISOString(),
        category: draft.category,
        priority: draft.priority,
        disposition: draft.disposition,
        notes: draft.notes,
        quality: draft.quality ?? null,
      });
      this.store.setState({ wrapUp: { ...w, status: 'filed', error: null } });
    } catch (err) {
      this.store.setState({
        wrapUp: { ...w, status: 'error', error: err instanceof Error ? err.message : String(err) },
      });
    }
  }

  close() {
    this.store.setState({ wrapUp: null, pop: null });
  }
}
