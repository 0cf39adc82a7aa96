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
  | 'sys.transferred.agent'
  | 'sys.transferred.queue'
  | 'sys.transferred.overflow'
  | 'sys.transferred.bot'
  | 'sys.requeued.no_answer'
  | 'sys.requeued.agent_offline'
  | 'sys.requeued.agent_disconnected'
  | 'header.subtitle.hours'
  | 'hours.banner'
  | 'queue.label'
  | 'queue.pending'
  | 'queue.next'
  | 'queue.ahead'
  | 'queue.eta'
  | 'queue.etaShort'
  | 'queue.leave'
  | 'queue.leaveConfirm'
  | 'queue.leaveYes'
  | 'queue.leaveNo'
  | 'leave.title.queue_full'
  | 'leave.title.queue_closed'
  | 'leave.title.hours'
  | 'leave.opensAt'
  | 'leave.intro'
  | 'leave.offer'
  | 'leave.back'
  | 'leave.formLabel'
  | 'leave.name'
  | 'leave.contact'
  | 'leave.contactHint'
  | 'leave.text'
  | 'leave.submit'
  | 'leave.sending'
  | 'leave.sent'
  | 'leave.continue'
  | 'leave.err.contact'
  | 'leave.err.text'
  | 'leave.err.textLong'
  | 'leave.err.failed'
  | 'author.agent'
  | 'author.you'
  | 'author.bot'
  | 'bot.rate'
  | 'bot.helpful'
  | 'bot.notHelpful'
  | 'bot.thanks'
  | 'bot.selfServiceNote'
  | 'queue.selfService'
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
    'sys.transferred.agent': '已为您转接至客服 {agent}',
    'sys.transferred.queue': '已为您转接至「{queue}」，请稍候',
    'sys.transferred.overflow': '已为您转接至「{queue}」，请稍候',
    'sys.transferred.bot': '已为您转接至「{queue}」，请稍候',
    'sys.requeued.no_answer': '正在为您重新安排客服，请稍候',
    'sys.requeued.agent_offline': '正在为您重新安排客服，请稍候',
    'sys.requeued.agent_disconnected': '正在为您重新安排客服，请稍候',
    'header.subtitle.hours': '当前为非工作时间',
    'hours.banner': '当前为人工客服非工作时间，智能助手仍可为您解答。',
    'queue.label': '排队情况',
    'queue.pending': '正在为您排队，请稍候…',
    'queue.next': '下一位就是您',
    'queue.ahead': '您前面还有 {n} 位客户',
    'queue.eta': '预计等待约 {m} 分钟',
    'queue.etaShort': '预计等待不到 1 分钟',
    'queue.leave': '退出排队',
    'queue.leaveConfirm': '确定要退出排队吗？退出后如需咨询，需要重新排队。',
    'queue.leaveYes': '确定退出',
    'queue.leaveNo': '继续等待',
    'leave.title.queue_full': '当前咨询人数较多，暂时无法为您接入',
    'leave.title.queue_closed': '当前为非工作时间',
    'leave.title.hours': '当前为非工作时间',
    'leave.opensAt': '我们将于 {time} 恢复服务。',
    'leave.intro': '您可以给我们留言，我们会尽快联系您。',
    'leave.offer': '留言',
    'leave.back': '返回',
    'leave.formLabel': '给我们留言',
    'leave.name': '称呼（选填）',
    'leave.contact': '联系方式',
    'leave.contactHint': '手机号码或电子邮箱',
    'leave.text': '留言内容',
    'leave.submit': '提交留言',
    'leave.sending': '提交中…',
    'leave.sent': '留言已提交，我们会尽快联系您',
    'leave.continue': '返回对话',
    'leave.err.contact': '请填写联系方式。',
    'leave.err.text': '请填写留言内容。',
    'leave.err.textLong': '留言内容最多 {max} 个字，当前 {n} 个字。',
    'leave.err.failed': '留言未能提交，请稍后再试。',
    'author.agent': '客服',
    'author.you': '我',
    'author.bot': '智能助手',
    'bot.rate': '这个回答对您有帮助吗？',
    'bot.helpful': '有帮助',
    'bot.notHelpful': '没帮助',
    'bot.thanks': '感谢您的反馈！',
    'bot.selfServiceNote': '以上为自助解答，人工客服接入后会继续为您服务。',
    'queue.selfService': '等待期间，您可以直接输入问题，智能助手会先为您查找常见解答。',
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
    'sys.transferred.agent': '已為您轉接至客服 {agent}',
    'sys.transferred.queue': '已為您轉接至「{queue}」，請稍候',
    'sys.transferred.overflow': '已為您轉接至「{queue}」，請稍候',
    'sys.transferred.bot': '已為您轉接至「{queue}」，請稍候',
    'sys.requeued.no_answer': '正在為您重新安排客服，請稍候',
    'sys.requeued.agent_offline': '正在為您重新安排客服，請稍候',
    'sys.requeued.agent_disconnected': '正在為您重新安排客服，請稍候',
    'header.subtitle.hours': '目前為非服務時間',
    'hours.banner': '目前為真人客服非服務時間，智慧助理仍可為您解答。',
    'queue.label': '排隊狀況',
    'queue.pending': '正在為您排隊，請稍候…',
    'queue.next': '下一位就是您',
    'queue.ahead': '您前面還有 {n} 位客戶',
    'queue.eta': '預計等候約 {m} 分鐘',
    'queue.etaShort': '預計等候不到 1 分鐘',
    'queue.leave': '退出排隊',
    'queue.leaveConfirm': '確定要退出排隊嗎？退出後如需諮詢，需要重新排隊。',
    'queue.leaveYes': '確定退出',
    'queue.leaveNo': '繼續等候',
    'leave.title.queue_full': '目前諮詢人數較多，暫時無法為您接通',
    'leave.title.queue_closed': '目前為非服務時間',
    'leave.title.hours': '目前為非服務時間',
    'leave.opensAt': '我們將於 {time} 恢復服務。',
    'leave.intro': '您可以給我們留言，我們會盡快與您聯絡。',
    'leave.offer': '留言',
    'leave.back': '返回',
    'leave.formLabel': '給我們留言',
    'leave.name': '稱呼（選填）',
    'leave.contact': '聯絡方式',
    'leave.contactHint': '手機號碼或電子郵件',
    'leave.text': '留言內容',
    'leave.submit': '送出留言',
    'leave.sending': '送出中…',
    'leave.sent': '留言已送出，我們會盡快與您聯絡',
    'leave.continue': '返回對話',
    'leave.err.contact': '請填寫聯絡方式。',
    'leave.err.text': '請填寫留言內容。',
    'leave.err.textLong': '留言內容最多 {max} 個字，目前 {n} 個字。',
    'leave.err.failed': '留言未能送出，請稍後再試。',
    'author.agent': '客服',
    'author.you': '我',
    'author.bot': '智慧助理',
    'bot.rate': '這個回答對您有幫助嗎？',
    'bot.helpful': '有幫助',
    'bot.notHelpful': '沒幫助',
    'bot.thanks': '感謝您的回饋！',
    'bot.selfServiceNote': '以上為自助解答，人工客服接入後會繼續為您服務。',
    'queue.selfService': '等待期間，您可以直接輸入問題，智慧助理會先為您查找常見解答。',
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
    'sys.transferred.agent': 'You have been transferred to {agent}.',
    'sys.transferred.queue': 'You have been transferred to “{queue}”. Please hold on.',
    'sys.transferred.overflow': 'You have been transferred to “{queue}”. Please hold on.',
    'sys.transferred.bot': 'You have been transferred to “{queue}”. Please hold on.',
    'sys.requeued.no_answer': 'We are finding another agent for you. Please hold on.',
    'sys.requeued.agent_offline': 'We are finding another agent for you. Please hold on.',
    'sys.requeued.agent_disconnected': 'We are finding another agent for you. Please hold on.',
    'header.subtitle.hours': 'We are currently closed',
    'hours.banner': 'Our agents are away right now; the assistant can still help.',
    'queue.label': 'Your place in the queue',
    'queue.pending': 'Finding your place in the queue…',
    'queue.next': 'You are next',
    'queue.ahead': '{n} customers ahead of you',
    'queue.eta': 'Estimated wait: about {m} min',
    'queue.etaShort': 'Estimated wait: less than 1 min',
    'queue.leave': 'Leave the queue',
    'queue.leaveConfirm': 'Leave the queue? You will have to queue again to chat.',
    'queue.leaveYes': 'Leave',
    'queue.leaveNo': 'Keep waiting',
    'leave.title.queue_full': 'All our agents are busy right now',
    'leave.title.queue_closed': 'We are currently closed',
    'leave.title.hours': 'We are currently closed',
    'leave.opensAt': 'We open again at {time}.',
    'leave.intro': 'Leave us a message and we will get back to you as soon as we can.',
    'leave.offer': 'Leave a message',
    'leave.back': 'Back',
    'leave.formLabel': 'Leave us a message',
    'leave.name': 'Your name (optional)',
    'leave.contact': 'Contact details',
    'leave.contactHint': 'Phone number or email',
    'leave.text': 'Message',
    'leave.submit': 'Send message',
    'leave.sending': 'Sending…',
    'leave.sent': 'Thank you, we have your message and will contact you soon',
    'leave.continue': 'Back to chat',
    'leave.err.contact': 'Please enter your contact details.',
    'leave.err.text': 'Please enter a message.',
    'leave.err.textLong': 'The message can be at most {max} characters (it has {n}).',
    'leave.err.failed': 'Your message could not be sent. Please try again later.',
    'author.agent': 'Agent',
    'author.you': 'You',
    'author.bot': 'Assistant',
    'bot.rate': 'Was this answer helpful?',
    'bot.helpful': 'Helpful',
    'bot.notHelpful': 'Not helpful',
    'bot.thanks': 'Thanks for your feedback!',
    'bot.selfServiceNote': 'A self-service answer: an agent will still join you.',
    'queue.selfService': 'While you wait, type your question: the assistant looks for an answer first.',
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
