import type { AppStore } from '../../store/app-store';
import { readyAllowed } from '../self-test';
import { afterCall, moveAgent, type AgentState, type NotReadyReason } from './agent-status-machine';

/**
 * Moves the agent's status on the agent's choices and on calls, runs the after-call-work timer
 * (back to Ready by itself), and tells `onOffered` whether queue calls may be offered.
 */
export class AgentStatusController {
  private acwTimer: ReturnType<typeof setTimeout> | null = null;
  private calls = 0;

  constructor(
    private readonly store: AppStore,
    private readonly onOffered: (offered: boolean) => void,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  /** Ready only after the pre-shift self-test passed or was overridden with a reason. */
  setReady(): boolean {
    if (!readyAllowed(this.store.getState().selfTest)) {
      this.store.getState().setNotice('selfTest.required');
      return false;
    }
    this.move('ready');
    return true;
  }

  setNotReady(reason: NotReadyReason): void {
    this.move('not-ready', reason);
  }

  logout(): void {
    if (this.store.getState().agent.state !== 'logged-out') this.move('logged-out');
  }

  /** A call is up (answered or placed): the agent is on a call whatever they chose before. */
  callStarted(): void {
    this.calls += 1;
    if (this.store.getState().agent.state !== 'on-call') this.move('on-call');
  }

  /** The last call ended: after-call work for the configured time, then Ready by itself. */
  callEnded(): void {
    this.calls = Math.max(0, this.calls - 1);
    if (this.calls > 0 || this.store.getState().agent.state !== 'on-call') return;
    this.move('acw');
  }

  dispose(): void {
    this.clearTimers();
  }

  private move(to: AgentState, reason?: NotReadyReason): void {
    const s = this.store.getState();
    const acwSeconds = s.settings?.acwSeconds ?? 30;
    let next = moveAgent(s.agent, to, this.clock(), { reason, acwSeconds });
    // No after-call time configured: straight back, but Ready only for a checked seat.
    if (to === 'acw' && next.state === 'ready' && !readyAllowed(s.selfTest))
      next = moveAgent(s.agent, 'not-ready', this.clock(), { reason: 'system-issue' });
    this.clearTimers();
    s.setAgent(next);
    if (next.state === 'acw' && next.acwEndsAt !== null) {
      this.acwTimer = setTimeout(() => this.endAcw(), next.acwEndsAt - this.clock());
    }
    this.onOffered(next.state === 'ready');
  }

  /**
   * After-call work is over: back to the agent's choice from before the call. Ready comes back by
   * itself only when the self-test passed (a direct call before it leaves the seat Not Ready, so
   * no queue call reaches a seat whose headset was never checked).
   */
  private endAcw(): void {
    const agent = this.store.getState().agent;
    if (agent.state !== 'acw') return;
    const back = afterCall(agent);
    if (back.state === 'ready' && !readyAllowed(this.store.getState().selfTest))
      this.move('not-ready', 'system-issue');
    else if (back.state === 'not-ready') this.move('not-ready', back.reason ?? 'other');
    else this.move(back.state);
  }

  private clearTimers(): void {
    if (this.acwTimer) clearTimeout(this.acwTimer);
    this.acwTimer = null;
  }
}
