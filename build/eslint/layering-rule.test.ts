import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import { layeringRule } from './layering-rule.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = path.resolve(import.meta.dirname, '../..');
/** A path in the repo; the files need not exist, the rule reads paths only. */
const at = (rel: string) => path.join(root, rel);

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

tester.run('seatdesk/layering', layeringRule, {
  valid: [
    {
      name: 'another feature through its folder',
      filename: at('renderer/features/wrap-up/wrap-up-form.ts'),
      code: "import { CallPanel } from '../softphone';",
    },
    {
      name: 'another feature through its index',
      filename: at('renderer/features/wrap-up/wrap-up-form.ts'),
      code: "import { CallPanel } from '../softphone/index';",
    },
    {
      name: 'app code through a feature index',
      filename: at('renderer/app/app.tsx'),
      code: "import type { Telephony } from '../features/softphone/index';",
    },
    {
      name: 'a sibling inside the same feature',
      filename: at('renderer/features/softphone/telephony.ts'),
      code: "import { SipPhone } from './sip-phone'; import { x } from './deep/er';",
    },
    {
      name: 'a feature reaching its own internals the long way round',
      filename: at('renderer/features/softphone/deep/x.ts'),
      code: "import { callMachine } from '../../softphone/call-machine';",
    },
    {
      name: "a test reaching its own feature's internals",
      filename: at('renderer/features/softphone/call-machine.test.ts'),
      code: "import { transition } from './call-machine';",
    },
    {
      name: 'sip.js inside the softphone',
      filename: at('renderer/features/softphone/sip-phone.ts'),
      code: "import { UserAgent } from 'sip.js'; import type { X } from 'sip.js/lib/platform/web';",
    },
    {
      name: 'sip.js in the caller simulator (a test tool, not app code)',
      filename: at('tools/caller-sim/page/main.ts'),
      code: "import { UserAgent } from 'sip.js';",
    },
    {
      name: 'vitest in a renderer test',
      filename: at('renderer/features/softphone/call-machine.test.ts'),
      code: "import { it } from 'vitest';",
    },
    {
      name: 'vitest in a tsx test',
      filename: at('renderer/features/headset/headset-settings.test.tsx'),
      code: "import { it } from 'vitest';",
    },
    {
      name: 'vitest in a shared test',
      filename: at('shared/phone/normalize-number.test.ts'),
      code: "import { it } from 'vitest';",
    },
    {
      name: 'vitest in tests/',
      filename: at('tests/helpers/call-rig.ts'),
      code: "import { expect } from 'vitest';",
    },
    { name: 'vitest in bench/', filename: at('bench/calls.ts'), code: "import { bench } from 'vitest';" },
    {
      name: 'vitest/config in a root config',
      filename: at('vitest.config.ts'),
      code: "import { defineConfig } from 'vitest/config';",
    },
  ],
  invalid: [
    {
      name: 'a deep import into another feature',
      filename: at('renderer/features/wrap-up/wrap-up-controller.ts'),
      code: "import { callMachine } from '../softphone/call-machine';",
      errors: [
        {
          messageId: 'featureFace',
          data: { source: '../softphone/call-machine', feature: 'softphone', face: '../softphone' },
        },
      ],
    },
    {
      name: 'a deep re-export and a dynamic deep import',
      filename: at('renderer/features/wrap-up/index.ts'),
      code: "export { x } from '../softphone/x'; export * from '../quality/y'; void import('../devices/z');",
      errors: [
        {
          messageId: 'featureFace',
          data: { source: '../softphone/x', feature: 'softphone', face: '../softphone' },
        },
        {
          messageId: 'featureFace',
          data: { source: '../quality/y', feature: 'quality', face: '../quality' },
        },
        {
          messageId: 'featureFace',
          data: { source: '../devices/z', feature: 'devices', face: '../devices' },
        },
      ],
    },
    {
      name: 'app code reaching inside a feature, type-only too',
      filename: at('renderer/app/services.tsx'),
      code: "import type { Telephony } from '../features/softphone/telephony';",
      errors: [
        {
          messageId: 'featureFace',
          data: {
            source: '../features/softphone/telephony',
            feature: 'softphone',
            face: '../features/softphone',
          },
        },
      ],
    },
    {
      name: 'the renderer entry reaching inside a feature',
      filename: at('renderer/main.tsx'),
      code: "import { Telephony } from './features/softphone/telephony';",
      errors: [
        {
          messageId: 'featureFace',
          data: {
            source: './features/softphone/telephony',
            feature: 'softphone',
            face: './features/softphone',
          },
        },
      ],
    },
    {
      name: 'a test reaching inside another feature',
      filename: at('renderer/features/agent-status/agent-status-machine.test.ts'),
      code: "import { idle } from '../softphone/call-machine';",
      errors: [{ messageId: 'featureFace' }],
    },
    {
      name: 'sip.js outside the softphone',
      filename: at('renderer/features/wrap-up/wrap-up-controller.ts'),
      code: "import { UserAgent } from 'sip.js'; import type { X } from 'sip.js/lib/core';",
      errors: [
        {
          messageId: 'owned',
          data: { source: 'sip.js', owners: 'renderer/features/softphone/ and tools/caller-sim/' },
        },
        {
          messageId: 'owned',
          data: { source: 'sip.js/lib/core', owners: 'renderer/features/softphone/ and tools/caller-sim/' },
        },
      ],
    },
    {
      name: 'sip.js in the store',
      filename: at('renderer/store/app-store.ts'),
      code: "import type { Session } from 'sip.js';",
      errors: [{ messageId: 'owned' }],
    },
    {
      name: 'vitest in a renderer non-test file',
      filename: at('renderer/features/softphone/call-machine.ts'),
      code: "import { vi } from 'vitest';",
      errors: [{ messageId: 'testRunner', data: { source: 'vitest' } }],
    },
    {
      name: 'vitest in a main non-test file',
      filename: at('main/db/open-database.ts'),
      code: "import { vi } from 'vitest';",
      errors: [{ messageId: 'testRunner' }],
    },
    {
      name: 'vitest in a server non-test file',
      filename: at('server/http/app.ts'),
      code: "import { vi } from 'vitest';",
      errors: [{ messageId: 'testRunner' }],
    },
    {
      name: 'vitest in tooling that is not a test',
      filename: at('tools/demo/run-demo.ts'),
      code: "import { vi } from 'vitest';",
      errors: [{ messageId: 'testRunner' }],
    },
    {
      name: 'the environment tables still apply',
      filename: at('shared/phone/normalize-number.ts'),
      code: "import fs from 'node:fs'; import { x } from '../../renderer/features/softphone';",
      errors: [
        { messageId: 'bad', data: { env: 'shared', source: 'node:fs', why: '' } },
        {
          messageId: 'bad',
          data: {
            env: 'shared',
            source: '../../renderer/features/softphone',
            why: ' (folder renderer/ is outside this environment)',
          },
        },
      ],
    },
  ],
});
