import { callCategories, type CallCategory } from '../../shared';
import { demoCustomers, demoRecordIds, hostileNote } from './fixtures';
import type { SeedRows } from './seed-rows';

const DAY = 86_400_000;
const iso = (t: number): string => new Date(Math.floor(t / 1000) * 1000).toISOString();

const vipCalls: Record<
  CallCategory,
  { priority: string; disposition: string; notes: string; daysAgo: number }
> = {
  inquiry: {
    priority: 'normal',
    disposition: 'information-sent',
    notes: '詢問企業專線升級方案，已寄送報價。',
    daysAgo: 40,
  },
  complaint: {
    priority: 'high',
    disposition: 'escalated',
    notes: '帳單重複扣款 NT$1,280，已轉帳務組處理。',
    daysAgo: 12,
  },
  suggestion: {
    priority: 'low',
    disposition: 'no-action-needed',
    notes: 'Suggested paperless billing by default.',
    daysAgo: 25,
  },
  urgent: {
    priority: 'critical',
    disposition: 'transferred',
    notes: '公司專線全斷，已轉二線，限時兩小時修復。',
    daysAgo: 5,
  },
};

/** The demo customers' rows, dated relative to `now`. Inserted with OR IGNORE: seeding twice keeps one copy. */
export function fixtureRows(now: number): SeedRows {
  const customers: SeedRows['customers'] = Object.values(demoCustomers).map((c) => ({
    customer: [c.id, c.name, c.vip ? 1 : 0, JSON.stringify(c.products)],
    phones: [c.phone, ...c.otherPhones].map((p) => [p, c.id]),
    complaints: [],
    followUps: [],
  }));
  const vip = demoCustomers.vip;
  const vipRows = customers[0];
  if (vipRows) {
    vipRows.complaints.push([
      demoRecordIds.vipComplaint,
      vip.id,
      iso(now - 12 * DAY),
      '帳單重複扣款',
      'high',
      'investigating',
    ]);
    vipRows.followUps.push([
      demoRecordIds.vipFollowUp,
      vip.id,
      iso(now + DAY),
      '陳美玲',
      'phone',
      '確認退款是否入帳',
      0,
    ]);
  }
  const interactions: SeedRows['interactions'] = callCategories.map((category) => {
    const call = vipCalls[category];
    return [
      `int-demo-vip-${category}`,
      vip.id,
      vip.phone,
      iso(now - call.daysAgo * DAY),
      'Grace Lin',
      category,
      call.priority,
      call.disposition,
      call.notes,
    ];
  });
  const hostile = demoCustomers.hostile;
  interactions.push([
    demoRecordIds.hostileInteraction,
    hostile.id,
    hostile.phone,
    iso(now - 2 * DAY),
    '<i>agent</i>',
    'inquiry',
    'normal',
    'callback-scheduled',
    hostileNote,
  ]);
  const lina = demoCustomers.mainland;
  interactions.push([
    'int-demo-lina',
    lina.id,
    lina.phone,
    iso(now - 3 * DAY),
    '张伟',
    'inquiry',
    'low',
    'resolved',
    '咨询国际漫游资费，已说明。',
  ]);
  return { customers, interactions };
}
