// UI strings used by both the widget and the agent workspace.

import type { MessageTables } from './i18n';

export type CommonKey =
  | 'lang.label'
  | 'conn.connecting'
  | 'conn.waiting'
  | 'conn.failed'
  | 'conn.retry'
  | 'msg.sending'
  | 'notice.dismiss'
  | 'err.text_too_long'
  | 'err.text_empty'
  | 'err.conversation_closed'
  | 'err.rate_limited'
  | 'err.forbidden'
  | 'err.not_found'
  | 'err.frame_too_large'
  | 'err.unavailable'
  | 'err.generic';

export const commonMessages: MessageTables<CommonKey> = {
  'zh-CN': {
    'lang.label': '语言',
    'conn.connecting': '正在连接…',
    'conn.waiting': '网络连接已断开，正在重新连接…',
    'conn.failed': '无法连接到客服服务。',
    'conn.retry': '立即重试',
    'msg.sending': '发送中…',
    'notice.dismiss': '关闭提示',
    'err.text_too_long': '消息太长了，最多 {max} 个字，请分几条发送。',
    'err.text_empty': '不能发送空白消息。',
    'err.conversation_closed': '该对话已结束，无法继续操作。',
    'err.rate_limited': '发送太频繁，请稍后再试。',
    'err.forbidden': '没有权限执行此操作。',
    'err.not_found': '找不到该对话。',
    'err.frame_too_large': '内容太大，无法发送。',
    'err.unavailable': '服务暂时不可用，正在重试…',
    'err.generic': '操作未成功（{code}），请稍后再试。',
  },
  'zh-TW': {
    'lang.label': '語言',
    'conn.connecting': '正在連線…',
    'conn.waiting': '網路連線已中斷，正在重新連線…',
    'conn.failed': '無法連線到客服服務。',
    'conn.retry': '立即重試',
    'msg.sending': '傳送中…',
    'notice.dismiss': '關閉提示',
    'err.text_too_long': '訊息太長了，最多 {max} 個字，請分幾則傳送。',
    'err.text_empty': '不能傳送空白訊息。',
    'err.conversation_closed': '此對話已結束，無法繼續操作。',
    'err.rate_limited': '傳送太頻繁，請稍後再試。',
    'err.forbidden': '沒有權限執行此操作。',
    'err.not_found': '找不到此對話。',
    'err.frame_too_large': '內容太大，無法傳送。',
    'err.unavailable': '服務暫時無法使用，正在重試…',
    'err.generic': '操作未成功（{code}），請稍後再試。',
  },
  en: {
    'lang.label': 'Language',
    'conn.connecting': 'Connecting…',
    'conn.waiting': 'Connection lost. Reconnecting…',
    'conn.failed': 'Unable to reach the support service.',
    'conn.retry': 'Retry now',
    'msg.sending': 'Sending…',
    'notice.dismiss': 'Dismiss',
    'err.text_too_long': 'That message is too long (at most {max} characters). Please split it up.',
    'err.text_empty': 'You cannot send an empty message.',
    'err.conversation_closed': 'This conversation has ended.',
    'err.rate_limited': 'You are sending too fast. Please try again in a moment.',
    'err.forbidden': 'You are not allowed to do that.',
    'err.not_found': 'That conversation could not be found.',
    'err.frame_too_large': 'That is too large to send.',
    'err.unavailable': 'The service is temporarily unavailable. Retrying…',
    'err.generic': 'Something went wrong ({code}). Please try again later.',
  },
};

/** Combine the shared table with an app's own table, language by language. */
export function withCommon<K extends string>(
  own: MessageTables<K>,
): MessageTables<K | CommonKey> {
  return {
    'zh-CN': { ...commonMessages['zh-CN'], ...own['zh-CN'] },
    'zh-TW': { ...commonMessages['zh-TW'], ...own['zh-TW'] },
    en: { ...commonMessages.en, ...own.en },
  };
}

const KNOWN_ERRORS = new Set([
  'text_too_long',
  'text_empty',
  'conversation_closed',
  'rate_limited',
  'forbidden',
  'not_found',
  'frame_too_large',
  'unavailable',
]);

/** The message key for a protocol error code (generic for codes without a tailored text). */
export function errorKey(code: string): CommonKey {
  return KNOWN_ERRORS.has(code) ? (`err.${code}` as CommonKey) : 'err.generic';
}
