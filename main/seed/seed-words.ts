import type { CallCategory } from '../../shared';

/** Word lists for realistic seed data: Traditional Chinese (TW), Simplified (mainland), English. */
export const names = {
  hantSurnames: [
    '陳',
    '林',
    '黃',
    '張',
    '李',
    '王',
    '吳',
    '劉',
    '蔡',
    '楊',
    '許',
    '鄭',
    '謝',
    '郭',
    '洪',
    '曾',
  ],
  hantGiven: [
    '志明',
    '淑芬',
    '美玲',
    '家豪',
    '怡君',
    '建國',
    '雅婷',
    '俊傑',
    '宗翰',
    '佩珊',
    '冠宇',
    '欣怡',
    '詩涵',
  ],
  hansSurnames: ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡'],
  hansGiven: ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '晓峰', '丽娟', '建华'],
  englishFirst: [
    'Emily',
    'Daniel',
    'Grace',
    'Kevin',
    'Olivia',
    'Jason',
    'Sophia',
    'Michael',
    'Chloe',
    'Ryan',
  ],
  englishLast: ['Wang', 'Chen', 'Smith', 'Lin', 'Brown', 'Huang', 'Taylor', 'Liu', 'Wilson', 'Chang'],
} as const;

export const products = [
  '光纖上網 500M',
  '光纖上網 1G',
  '行動資費 599',
  '家用電話',
  'MOD 影音套餐',
  '企業專線',
  '宽带 200M',
  '5G 畅享套餐',
  '云存储 1TB',
  'Cloud Backup',
  'Smart Home Kit',
  'Roaming Pass',
] as const;

export const agents = [
  '陳美玲',
  '林家豪',
  'Grace Lin',
  '张伟',
  'Kevin Chang',
  '黃雅婷',
  '刘洋',
  'Sophia Wu',
] as const;

/** Notes by category, in the three languages the teams write in. */
export const notesByCategory: Record<CallCategory, readonly string[]> = {
  inquiry: [
    '客戶詢問帳單金額，已說明計費方式。',
    '詢問國際漫遊開通方式，已協助開通。',
    '客户咨询套餐升级价格，已短信发送资费表。',
    '客户要求更改账单地址，已更新。',
    'Asked how to download e-invoices; walked through the app.',
    'Asked about contract end date; confirmed by email.',
  ],
  complaint: [
    '投訴裝機人員遲到兩小時，已致歉並回報主管。',
    '帳單重複扣款，已提交退款申請。',
    '网络经常断线，已远程重启光猫，客户仍不满意。',
    '投诉客服等待时间过长。',
    'Complained about a rude technician; escalated to the field lead.',
  ],
  suggestion: [
    '建議 App 增加電子發票下載功能。',
    '建議延長門市營業時間。',
    '建议增加微信支付方式。',
    'Suggested an English version of the monthly bill.',
  ],
  urgent: [
    '診所專線中斷，已派工，四小時內到場。',
    '企业专线全部中断，已升级至二线，限时两小时。',
    'Urgent: line down at a pharmacy, field service dispatched (4h limit).',
    '獨居長者緊急聯絡電話無法撥出，已優先處理。',
  ],
};

export const complaintSummaries = [
  '裝機延誤',
  '帳單重複扣款',
  '網速不符合約定',
  '客服等待过久',
  '维修人员态度差',
  'Rude technician',
  'Charged after cancelling',
] as const;

export const followUpNotes = [
  '回訪確認問題已解決',
  '確認退款是否入帳',
  '回访满意度调查',
  '确认维修后网速',
  'Call back to confirm the new plan works',
] as const;
