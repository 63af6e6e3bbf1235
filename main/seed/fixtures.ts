/**
 * Well-known customers that every seeded cache holds (fixed ids and numbers), so demos and
 * tests can dial them. Two carry hostile text: the UI must show it as text, never as HTML.
 */
export const demoCustomers = {
  /** VIP with several numbers, one past call of each category, an open complaint and a pending follow-up. */
  vip: {
    id: 'cust-demo-vip',
    name: '王小明',
    phone: '+886223456789',
    /** How a Taipei caller id often arrives (national format). */
    dialled: '02-2345-6789',
    otherPhones: ['+886987654321'],
    vip: true,
    products: ['光纖上網 1G', '企業專線', 'MOD 影音套餐'],
  },
  mainland: {
    id: 'cust-demo-lina',
    name: 'Li Na / 李娜',
    phone: '+8613800138000',
    dialled: '+86 138 0013 8000',
    otherPhones: [],
    vip: false,
    products: ['5G 畅享套餐'],
  },
  /** One number only, a mobile. */
  mobile: {
    id: 'cust-demo-mobile',
    name: '陳怡君',
    phone: '+886912345678',
    dialled: '0912345678',
    otherPhones: [],
    vip: false,
    products: ['行動資費 599'],
  },
  /** Bad-input fixture: markup in the name and in a note. */
  hostile: {
    id: 'cust-demo-hostile',
    name: '<script>alert(1)</script> 林',
    phone: '+886227001234',
    dialled: '02-2700-1234',
    otherPhones: [],
    vip: false,
    products: ['<b>家用電話</b>'],
  },
} as const;

export type DemoCustomer = (typeof demoCustomers)[keyof typeof demoCustomers];

export const hostileNote = '<img src=x onerror=alert(1)> 客戶要求回電';

/** Ids of the demo's history rows, for tests that look for them. */
export const demoRecordIds = {
  vipComplaint: 'cmp-demo-vip',
  vipFollowUp: 'fu-demo-vip',
  vipInteractions: [
    'int-demo-vip-inquiry',
    'int-demo-vip-complaint',
    'int-demo-vip-suggestion',
    'int-demo-vip-urgent',
  ],
  hostileInteraction: 'int-demo-hostile',
} as const;
