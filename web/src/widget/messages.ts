// Visitor-facing strings of the chat widget.

import { translator, type Lang, type MessageTables, type Translate } from '../shared/i18n';
import { withCommon, type CommonKey } from '../shared/messages';

type WidgetKey =
  | 'launcher.open'
  | 'launcher.close'
  | 'launcher.unread'
  | 'panel.label'
  | 'header.title'
  | 'header.subtitle.idle'
  | 'header.subtitle.queued'
  | 'header.subtitle.assigned'
  | 'header.subtitle.closed'
  | 'header.subtitle.bot'
  | 'header.handoff'
  | 'header.minimize'
  | 'header.end'
  | 'greeting'
  | 'transcript.label'
  | 'transcript.newConversation'
  | 'composer.placeholder'
  | 'composer.placeholderNew'
  | 'composer.label'
  | 'composer.send'
  | 'composer.hint'
  | 'suggest.label'
  | 'closed.hint'
  | 'sys.queued'
  | 'sys.assigned'
  | 'sys.closed.visitor'
  | 'sys.closed.agent'
  | 'sys.closed.idle'
  | 'author.agent'
  | 'author.you'
  | 'author.bot'
  | 'bot.rate'
  | 'bot.helpful'
  | 'bot.notHelpful'
  | 'bot.thanks'
  | 'bot.choices'
  | 'bot.handoff'
  | 'err.handoff'
  | 'fatal.unknown_tenant'
  | 'poweredBy';

const tables: MessageTables<WidgetKey> = {
  'zh-CN': {
    'launcher.open': '打开在线客服',
    'launcher.close': '收起在线客服',
    'launcher.unread': '{n} 条新消息',
    'panel.label': '在线客服对话窗口',
    'header.title': '在线客服',
    'header.subtitle.idle': '您好，我们通常会在几分钟内回复',
    'header.subtitle.queued': '正在为您转接客服，请稍候…',
    'header.subtitle.assigned': '客服 {agent} 为您服务',
    'header.subtitle.closed': '本次对话已结束',
    'header.subtitle.bot': '{bot}为您服务',
    'header.handoff': '转人工',
    'header.minimize': '收起窗口',
    'header.end': '结束对话',
    greeting: '您好！欢迎咨询，请问有什么可以帮您？',
    'transcript.label': '对话记录',
    'transcript.newConversation': '新的对话',
    'composer.placeholder': '请输入您的问题…',
    'composer.placeholderNew': '发送消息即可开始新的对话…',
    'composer.label': '消息内容',
    'composer.send': '发送',
    'composer.hint': 'Enter 发送，Shift+Enter 换行',
    'suggest.label': '猜您想问',
    'closed.hint': '如需继续咨询，直接发送消息即可开始新的对话。',
    'sys.queued': '您已进入「{queue}」排队，客服将尽快为您服务，请稍候。',
    'sys.assigned': '客服 {agent} 已接入，很高兴为您服务。',
    'sys.closed.visitor': '您已结束本次对话。',
    'sys.closed.agent': '客服已结束本次对话，感谢您的咨询。',
    'sys.closed.idle': '由于长时间没有新消息，本次对话已自动结束。',
    'author.agent': '客服',
    'author.you': '我',
    'author.bot': '智能助手',
    'bot.rate': '这个回答对您有帮助吗？',
    'bot.helpful': '有帮助',
    'bot.notHelpful': '没帮助',
    'bot.thanks': '感谢您的反馈！',
    'bot.choices': '请选择您想问的问题',
    'bot.handoff': '转人工',
    'err.handoff': '暂时无法转接人工客服，请稍后再试。',
    'fatal.unknown_tenant': '在线客服暂不可用，请稍后再试或通过其他渠道联系我们。',
    poweredBy: 'Kefu 提供技术支持',
  },
  'zh-TW': {
    'launcher.open': '開啟線上客服',
    'launcher.close': '收起線上客服',
    'launcher.unread': '{n} 則新訊息',
    'panel.label': '線上客服對話視窗',
    'header.title': '線上客服',
    'header.subtitle.idle': '您好，我們通常會在幾分鐘內回覆',
    'header.subtitle.queued': '正在為您轉接客服，請稍候…',
    'header.subtitle.assigned': '客服 {agent} 為您服務',
    'header.subtitle.closed': '本次對話已結束',
    'header.subtitle.bot': '{bot}為您服務',
    'header.handoff': '轉真人客服',
    'header.minimize': '收起視窗',
    'header.end': '結束對話',
    greeting: '您好！歡迎諮詢，請問有什麼可以幫您？',
    'transcript.label': '對話紀錄',
    'transcript.newConversation': '新的對話',
    'composer.placeholder': '請輸入您的問題…',
    'composer.placeholderNew': '傳送訊息即可開始新的對話…',
    'composer.label': '訊息內容',
    'composer.send': '傳送',
    'composer.hint': 'Enter 傳送，Shift+Enter 換行',
    'suggest.label': '猜您想問',
    'closed.hint': '如需繼續諮詢，直接傳送訊息即可開始新的對話。',
    'sys.queued': '您已進入「{queue}」排隊，客服將盡快為您服務，請稍候。',
    'sys.assigned': '客服 {agent} 已接入，很高興為您服務。',
    'sys.closed.visitor': '您已結束本次對話。',
    'sys.closed.agent': '客服已結束本次對話，感謝您的諮詢。',
    'sys.closed.idle': '由於長時間沒有新訊息，本次對話已自動結束。',
    'author.agent': '客服',
    'author.you': '我',
    'author.bot': '智慧助理',
    'bot.rate': '這個回答對您有幫助嗎？',
    'bot.helpful': '有幫助',
    'bot.notHelpful': '沒幫助',
    'bot.thanks': '感謝您的回饋！',
    'bot.choices': '請選擇您想問的問題',
    'bot.handoff': '轉真人客服',
    'err.handoff': '暫時無法轉接真人客服，請稍後再試。',
    'fatal.unknown_tenant': '線上客服暫時無法使用，請稍後再試或透過其他管道聯絡我們。',
    poweredBy: 'Kefu 提供技術支援',
  },
  en: {
    'launcher.open': 'Open live chat',
    'launcher.close': 'Minimize live chat',
    'launcher.unread': '{n} new messages',
    'panel.label': 'Live chat',
    'header.title': 'Live chat',
    'header.subtitle.idle': 'We usually reply within a few minutes',
    'header.subtitle.queued': 'Connecting you to an agent…',
    'header.subtitle.assigned': '{agent} is helping you',
    'header.subtitle.closed': 'This conversation has ended',
    'header.subtitle.bot': '{bot} is here to help',
    'header.handoff': 'Talk to a person',
    'header.minimize': 'Minimize',
    'header.end': 'End chat',
    greeting: 'Hello! How can we help you today?',
    'transcript.label': 'Conversation',
    'transcript.newConversation': 'New conversation',
    'composer.placeholder': 'Type your question…',
    'composer.placeholderNew': 'Send a message to start a new conversation…',
    'composer.label': 'Message',
    'composer.send': 'Send',
    'composer.hint': 'Enter to send, Shift+Enter for a new line',
    'suggest.label': 'Suggested questions',
    'closed.hint': 'Need more help? Just send a message to start a new conversation.',
    'sys.queued': 'You are in the “{queue}” queue. An agent will be with you shortly.',
    'sys.assigned': '{agent} has joined the conversation.',
    'sys.closed.visitor': 'You ended the conversation.',
    'sys.closed.agent': 'The agent ended the conversation. Thank you for contacting us.',
    'sys.closed.idle': 'The conversation was closed after a period of inactivity.',
    'author.agent': 'Agent',
    'author.you': 'You',
    'author.bot': 'Assistant',
    'bot.rate': 'Was this answer helpful?',
    'bot.helpful': 'Helpful',
    'bot.notHelpful': 'Not helpful',
    'bot.thanks': 'Thanks for your feedback!',
    'bot.choices': 'Pick the question you mean',
    'bot.handoff': 'Talk to a person',
    'err.handoff': 'We cannot connect you to a person right now. Please try again later.',
    'fatal.unknown_tenant': 'Live chat is not available right now. Please try again later.',
    poweredBy: 'Powered by Kefu',
  },
};

export type WidgetMessageKey = WidgetKey | CommonKey;
export type WidgetT = Translate<WidgetMessageKey>;

const all = withCommon(tables);

export function widgetTranslator(lang: Lang): WidgetT {
  return translator(all, lang);
}
