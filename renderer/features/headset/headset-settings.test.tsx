import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { ServicesContext, type Services } from '../../app/services';
import { initI18n } from '../../i18n';
import { createAppStore } from '../../store/app-store';
import { FakeHid, FakeHidDevice } from './fake-hid';
import { HeadsetControl } from './headset-control';
import { jabraEvolve2 } from './headset-fixtures';
import { HeadsetSettingsSection } from './headset-settings';

const noop = () => undefined;

function render(headset: HeadsetControl): string {
  const services = { headset } as unknown as Services;
  return renderToStaticMarkup(
    <ServicesContext.Provider value={services}>
      <HeadsetSettingsSection />
    </ServicesContext.Provider>,
  );
}

const control = (hid: FakeHid | null) =>
  new HeadsetControl({
    hid,
    store: createAppStore(),
    commands: { answer: noop, hangup: noop, toggleMute: noop },
  });

describe('HeadsetSettingsSection', () => {
  beforeAll(() => initI18n('zh-Hant'));

  it('offers to connect when no headset is connected', () => {
    const html = render(control(new FakeHid()));
    expect(html).toContain('未連接耳機');
    expect(html).toContain('連接耳機…');
  });

  it('names the connected headset', async () => {
    const hid = new FakeHid();
    hid.granted.push(new FakeHidDevice('Jabra Evolve2 65', jabraEvolve2));
    const headset = control(hid);
    await headset.start();
    expect(render(headset)).toContain('已連接：Jabra Evolve2 65');
    await headset.stop();
  });

  it('says when the chosen device has no call-control buttons', async () => {
    const hid = new FakeHid();
    hid.pickable = [new FakeHidDevice('USB Receiver', [{ usagePage: 0x0b, usage: 0x07 }])];
    const headset = control(hid);
    await headset.request();
    expect(render(headset)).toContain('此裝置沒有通話控制按鍵');
  });

  it('says so where WebHID is missing', () => {
    expect(render(control(null))).toContain('WebHID');
  });
});
