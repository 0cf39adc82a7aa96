// Strings of the workspace comfort features: new-message alerts, keyboard shortcuts, search in
// the open conversation.

import { useMemo } from 'preact/hooks';
import { translator, type Lang, type MessageTables, type Translate } from '../../shared/i18n';

export type ComfortKey =
  | 'alerts.label'
  | 'alerts.on'
  | 'alerts.onSoundOnly'
  | 'alerts.onBlocked'
  | 'alerts.onUnsupported'
  | 'alerts.off'
  | 'alerts.newChat'
  | 'alerts.newChatEmpty'
  | 'keys.button'
  | 'keys.title'
  | 'keys.close'
  | 'keys.group.chats'
  | 'keys.group.search'
  | 'keys.group.reply'
  | 'keys.next'
  | 'keys.prev'
  | 'keys.nextUnread'
  | 'keys.search'
  | 'keys.searchNext'
  | 'keys.searchPrev'
  | 'keys.send'
  | 'keys.newline'
  | 'keys.canned'
  | 'search.open'
  | 'search.label'
  | 'search.placeholder'
  | 'search.count'
  | 'search.none'
  | 'search.prev'
  | 'search.next'
  | 'search.close';

const messages: MessageTables<ComfortKey> = {
  'zh-CN': {
    'alerts.label': '新消息提醒',
    'alerts.on': '新消息提醒：已开启（提示音和桌面通知）。点击关闭',
    'alerts.onSoundOnly': '新消息提醒：已开启（仅提示音，浏览器尚未允许桌面通知）。点击关闭',
    'alerts.onBlocked': '新消息提醒：已开启（仅提示音，浏览器已阻止本站的桌面通知）。点击关闭',
    'alerts.onUnsupported': '新消息提醒：已开启（仅提示音，此浏览器不支持桌面通知）。点击关闭',
    'alerts.off': '新消息提醒：已关闭。点击开启提示音和桌面通知',
    'alerts.newChat': '新对话：{text}',
    'alerts.newChatEmpty': '有新的对话分配给您',
    'keys.button': '快捷键',
    'keys.title': '键盘快捷键',
    'keys.close': '关闭快捷键说明',
    'keys.group.chats': '切换对话',
    'keys.group.search': '搜索对话',
    'keys.group.reply': '回复框',
    'keys.next': '下一个对话',
    'keys.prev': '上一个对话',
    'keys.nextUnread': '下一个有未读消息的对话',
    'keys.search': '在当前对话中搜索',
    'keys.searchNext': '下一个搜索结果',
    'keys.searchPrev': '上一个搜索结果',
    'keys.send': '发送回复',
    'keys.newline': '换行',
    'keys.canned': '快捷回复（输入快捷码）',
    'search.open': '搜索对话内容',
    'search.label': '在当前对话中搜索',
    'search.placeholder': '搜索本对话的消息',
    'search.count': '{current} / {total}',
    'search.none': '无结果',
    'search.prev': '上一个结果',
    'search.next': '下一个结果',
    'search.close': '关闭搜索',
  },
  'zh-TW': {
    'alerts.label': '新訊息提醒',
    'alerts.on': '新訊息提醒：已開啟（提示音和桌面通知）。點擊關閉',
    'alerts.onSoundOnly': '新訊息提醒：已開啟（僅提示音，瀏覽器尚未允許桌面通知）。點擊關閉',
    'alerts.onBlocked': '新訊息提醒：已開啟（僅提示音，瀏覽器已封鎖本站的桌面通知）。點擊關閉',
    'alerts.onUnsupported': '新訊息提醒：已開啟（僅提示音，此瀏覽器不支援桌面通知）。點擊關閉',
    'alerts.off': '新訊息提醒：已關閉。點擊開啟提示音和桌面通知',
    'alerts.newChat': '新對話：{text}',
    'alerts.newChatEmpty': '有新的對話分配給您',
    'keys.button': '快速鍵',
    'keys.title': '鍵盤快速鍵',
    'keys.close': '關閉快速鍵說明',
    'keys.group.chats': '切換對話',
    'keys.group.search': '搜尋對話',
    'keys.group.reply': '回覆框',
    'keys.next': '下一個對話',
    'keys.prev': '上一個對話',
    'keys.nextUnread': '下一個有未讀訊息的對話',
    'keys.search': '在目前對話中搜尋',
    'keys.searchNext': '下一個搜尋結果',
    'keys.searchPrev': '上一個搜尋結果',
    'keys.send': '傳送回覆',
    'keys.newline': '換行',
    'keys.canned': '快捷回覆（輸入快捷碼）',
    'search.open': '搜尋對話內容',
    'search.label': '在目前對話中搜尋',
    'search.placeholder': '搜尋本對話的訊息',
    'search.count': '{current} / {total}',
    'search.none': '無結果',
    'search.prev': '上一個結果',
    'search.next': '下一個結果',
    'search.close': '關閉搜尋',
  },
  en: {
    'alerts.label': 'New message alerts',
    'alerts.on': 'New message alerts: on (sound and desktop notifications). Click to turn off',
    'alerts.onSoundOnly': 'New message alerts: on (sound only; the browser has not allowed desktop notifications yet). Click to turn off',
    'alerts.onBlocked': 'New message alerts: on (sound only; the browser blocks notifications from this site). Click to turn off',
    'alerts.onUnsupported': 'New message alerts: on (sound only; this browser has no desktop notifications). Click to turn off',
    'alerts.off': 'New message alerts: off. Click to turn on sound and desktop notifications',
    'alerts.newChat': 'New chat: {text}',
    'alerts.newChatEmpty': 'A new chat was assigned to you',
    'keys.button': 'Shortcuts',
    'keys.title': 'Keyboard shortcuts',
    'keys.close': 'Close keyboard shortcuts',
    'keys.group.chats': 'Switching chats',
    'keys.group.search': 'Searching a chat',
    'keys.group.reply': 'Reply box',
    'keys.next': 'Next chat',
    'keys.prev': 'Previous chat',
    'keys.nextUnread': 'Next chat with unread messages',
    'keys.search': 'Search in the open chat',
    'keys.searchNext': 'Next search result',
    'keys.searchPrev': 'Previous search result',
    'keys.send': 'Send the reply',
    'keys.newline': 'New line',
    'keys.canned': 'Canned reply (type its code)',
    'search.open': 'Search this chat',
    'search.label': 'Search in the open chat',
    'search.placeholder': 'Search messages in this chat',
    'search.count': '{current} / {total}',
    'search.none': 'No results',
    'search.prev': 'Previous result',
    'search.next': 'Next result',
    'search.close': 'Close search',
  },
};

export type ComfortT = Translate<ComfortKey>;

export function comfortTranslator(lang: Lang): ComfortT {
  return translator(messages, lang);
}

export function useComfortT(lang: Lang): ComfortT {
  return useMemo(() => comfortTranslator(lang), [lang]);
}

/** Whether the keyboard is a Mac's (⌥ and ⌘ instead of Alt and Ctrl). */
export function isMac(): boolean {
  const nav = navigator as Navigator & { userAgentData?: { platform?: string } };
  const platform = nav.userAgentData?.platform ?? nav.platform ?? '';
  return /mac|iphone|ipad/i.test(platform);
}

/** The names of the modifier keys on this keyboard. */
export function modifierNames(): { alt: string; ctrl: string; shift: string } {
  return isMac() ? { alt: '⌥', ctrl: '⌘', shift: '⇧' } : { alt: 'Alt', ctrl: 'Ctrl', shift: 'Shift' };
}
