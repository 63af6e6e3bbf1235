import type { HostClient } from '../../shared';
import { AgentStatusController, publishAgentStates } from '../features/agent-status';
import { CallRecorder } from '../features/call-history';
import { AudioDevices } from '../features/devices';
import { HeadsetControl, navigatorHid } from '../features/headset';
import { QualitySampler } from '../features/quality';
import { PopLoader } from '../features/screen-pop';
import { SelfTestRunner } from '../features/self-test';
import { Ringtone, SipPhone, Telephony } from '../features/softphone';
import { SyncStatusPoller } from '../features/sync';
import { WrapUpController } from '../features/wrap-up';
import { createAppStore } from '../store/app-store';
import { runCommand } from './commands';
import type { Services } from './services';

/**
 * The one place the renderer's services are built and handed their collaborators (style.md §4).
 * main.tsx calls it; nothing else constructs a service.
 */
export function composeServices(host: HostClient): Services {
  const store = createAppStore();
  const wrapUps = new WrapUpController(store, host);
  const devices = new AudioDevices(store);
  const ringtone = new Ringtone();
  ringtone.sinks = () => devices.ringerIds();
  const pops = new PopLoader(store, host);
  const history = new CallRecorder(host);
  // Queue calls reach this agent only while Ready: the queue bindings follow the status.
  const agentStatus = new AgentStatusController(store, (offered) => void telephony.setOffered(offered));
  const quality = new QualitySampler(store, (callId) => telephony.phone.legs.peerConnection(callId));
  const telephony: Telephony = new Telephony({
    store,
    host,
    createPhone: (delegate) => new SipPhone(delegate),
    pops,
    wrapUps,
    history,
    agentStatus,
    quality,
    devices,
    ringtone,
  });
  devices.onMicLost = () => void telephony.swapMicrophone();
  const sipPing = () => telephony.ping();
  const selfTest = new SelfTestRunner({ store, devices, sipPing, ice: () => telephony.ice });
  const sync = new SyncStatusPoller(store, host);
  const services: Services = {
    host,
    store,
    telephony,
    wrapUps,
    pops,
    sync,
    agentStatus,
    selfTest,
    history,
    devices,
    headset: new HeadsetControl({
      hid: navigatorHid(),
      store,
      // Headset buttons run the same commands as the keyboard shortcuts.
      commands: {
        answer: () => runCommand('answer', services),
        hangup: () => runCommand('hangup', services),
        toggleMute: () => runCommand('mute', services),
        toggleHold: () => runCommand('hold', services),
      },
    }),
  };
  return services;
}

/** What runs for the life of the window once the services exist. */
export function startServices(s: Services): void {
  const { store, telephony, selfTest } = s;
  // Every change of the agent's state goes to the central server through the host (issue 4).
  publishAgentStates(store, s.host);
  // The top bar always shows the server's state.
  s.sync.start();
  // Each sync may have brought fresh TURN credentials: the softphone picks them up then (a
  // local host call, never on the call path).
  store.subscribe((st, prev) => {
    const synced = st.sync?.lastSyncAt !== prev.sync?.lastSyncAt;
    if (synced && st.registration.state !== 'unregistered') void telephony.refreshIce();
  });
  // The pre-shift self-test runs at log-in (the first registration); Ready waits for it.
  store.subscribe((st, prev) => {
    const loggedIn = st.registration.state === 'registered' && prev.registration.state !== 'registered';
    if (loggedIn && st.selfTest.status === 'idle') void selfTest.run();
  });
  // A ringing call always takes the screen, whatever view the agent was in.
  store.subscribe((st, prev) => {
    const rings = (x: typeof st) =>
      x.lines.focused?.state === 'ringing' || x.lines.other?.state === 'ringing';
    if (rings(st) && !rings(prev) && st.workspace.view !== 'workspace') st.showView('workspace');
  });
  // A filed wrap-up's card is no longer needed (unless its call is still up).
  store.subscribe((st, prev) => {
    if (st.wrapUps !== prev.wrapUps || st.lastFiled !== prev.lastFiled) telephony.prunePops();
  });
  void s.headset.start();
}
