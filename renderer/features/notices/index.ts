export { createNoticeSlice, type Notice, type NoticeSlice } from './notice-slice';
export { NoticeLine } from './notice-line';
