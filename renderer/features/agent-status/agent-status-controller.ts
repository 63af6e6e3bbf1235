import type { AppStore } from '../../store/app-store';
import { readyAllowed } from '../self-test/self-test-checks';
import { moveAgent, type AgentState, type NotReadyReason } from './agent-status-machine';

/**
 * Moves the agent's status on the agent's choices and on calls, runs the after-call-work timer
 * (back to Ready by itself), and tells `onOffered` whether queue calls may be offered.
 */
export class AgentStatusController {
  private acwTimer: ReturnType<typeof setTimeout> | null = null;
  private tick: ReturnType<typeof setInterval> | null = null;
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
    this.move('logged-out');
  }

  /** A call is up (answered or placed): the agent is on a call whatever they chose before. */
  callStarted(): void {
    this.calls += 1;
    const state = this.store.getState().agent.state;
    if (state !== 'on-call' && state !== 'logged-out') this.move('on-call');
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
    const next = moveAgent(s.agent, to, this.clock(), { reason, acwSeconds });
    this.clearTimers();
    s.setAgent(next);
    if (next.state === 'acw' && next.acwEndsAt !== null) {
      this.acwTimer = setTimeout(() => {
        // Back to Ready by itself, unless the self-test never passed (a direct call before it):
        // then Not Ready, so no queue call reaches a seat whose headset was never checked.
        if (this.store.getState().agent.state !== 'acw') return;
        if (readyAllowed(this.store.getState().selfTest)) this.move('ready');
        else this.move('not-ready', 'system-issue');
      }, next.acwEndsAt - this.clock());
      // The countdown on screen: re-render once a second.
      this.tick = setInterval(() => this.store.getState().setAgent({ ...this.store.getState().agent }), 1000);
    }
    this.onOffered(next.state === 'ready');
  }

  private clearTimers(): void {
    if (this.acwTimer) clearTimeout(this.acwTimer);
    if (this.tick) clearInterval(this.tick);
    this.acwTimer = null;
    this.tick = null;
  }
}
