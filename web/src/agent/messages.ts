// Strings of the agent workspace.

import { translator, type Lang, type MessageTables, type Translate } from '../shared/i18n';
import { withCommon, type CommonKey } from '../shared/messages';

type AgentKey =
  | 'app.title'
  | 'app.loading'
  | 'login.title'
  | 'login.subtitle'
  | 'login.tenant'
  | 'login.email'
  | 'login.password'
  | 'login.submit'
  | 'login.submitting'
  | 'login.error.invalid'
  | 'login.error.rate'
  | 'login.error.network'
  | 'login.error.generic'
  | 'login.sessionExpired'
  | 'top.tenant'
  | 'top.logout'
  | 'top.load'
  | 'status.label'
  | 'status.online'
  | 'status.away'
  | 'status.offline'
  | 'status.wrap_up'
  | 'status.wrapUpHint'
  | 'status.endWrapUp'
  | 'status.busy'
  | 'status.busyHint'
  | 'role.agent'
  | 'role.supervisor'
  | 'role.admin'
  | 'list.title'
  | 'list.label'
  | 'list.empty'
  | 'list.emptyOffline'
  | 'list.unread'
  | 'list.noMessages'
  | 'state.bot'
  | 'state.queued'
  | 'state.assigned'
  | 'state.closed'
  | 'pane.empty'
  | 'pane.queue'
  | 'pane.started'
  | 'pane.close'
  | 'pane.dismiss'
  | 'pane.closedBanner'
  | 'pane.transcript'
  | 'reply.label'
  | 'reply.placeholder'
  | 'reply.send'
  | 'reply.hint'
  | 'canned.title'
  | 'canned.toggle'
  | 'canned.close'
  | 'canned.search'
  | 'canned.empty'
  | 'canned.error'
  | 'canned.suggestions'
  | 'sys.queued'
  | 'sys.assigned'
  | 'sys.closed.visitor'
  | 'sys.closed.agent'
  | 'sys.closed.idle'
  | 'sys.transferred.agent'
  | 'sys.transferred.queue'
  | 'sys.transferred.overflow'
  | 'sys.requeued.no_answer'
  | 'sys.requeued.agent_offline'
  | 'sys.requeued.agent_disconnected'
  | 'sys.notice'
  | 'transfer.from'
  | 'transfer.bySupervisor'
  | 'transfer.note'
  | 'transfer.done'
  | 'pane.transfer'
  | 'list.movedAway'
  | 'author.you'
  | 'author.bot'
  | 'list.fromBot'
  | 'list.botPreview'
  | 'bot.badge'
  | 'bot.answer'
  | 'bot.choices'
  | 'bot.unknown'
  | 'bot.offer'
  | 'bot.transfer'
  | 'reason.explicit_request'
  | 'reason.visitor_button'
  | 'reason.consecutive_misses'
  | 'reason.not_helpful'
  | 'reason.negative_tone'
  | 'reason.other'
  | 'similar.action'
  | 'similar.title'
  | 'similar.original'
  | 'similar.search'
  | 'similar.results'
  | 'similar.searching'
  | 'similar.empty'
  | 'similar.category'
  | 'similar.saving'
  | 'similar.added'
  | 'similar.exists'
  | 'similar.error'
  | 'similar.searchError'
  | 'similar.close';

const tables: MessageTables<AgentKey> = {
  'zh-CN': {
    'app.title': 'Kefu 客服工作台',
    'app.loading': '正在加载…',
    'login.title': '登录客服工作台',
    'login.subtitle': '使用企业分配的账号登录',
    'login.tenant': '企业标识',
    'login.email': '邮箱',
    'login.password': '密码',
    'login.submit': '登录',
    'login.submitting': '正在登录…',
    'login.error.invalid': '企业标识、邮箱或密码不正确。',
    'login.error.rate': '尝试次数过多，请稍后再试。',
    'login.error.network': '无法连接服务器，请检查网络后重试。',
    'login.error.generic': '登录失败：{message}',
    'login.sessionExpired': '登录已过期，请重新登录。',
    'top.tenant': '企业',
    'top.logout': '退出登录',
    'top.load': '接待中 {load}/{capacity}',
    'status.label': '接待状态',
    'status.online': '在线',
    'status.away': '离开',
    'status.offline': '离线',
    'status.wrap_up': '整理中',
    'status.wrapUpHint': '对话结束后的整理时间，期间不会分配新对话',
    'status.endWrapUp': '结束整理',
    'status.busy': '忙碌（已满）',
    'status.busyHint': '已达接待上限 {capacity}，暂不分配新对话',
    'role.agent': '座席',
    'role.supervisor': '主管',
    'role.admin': '管理员',
    'list.title': '我的对话',
    'list.label': '对话列表',
    'list.empty': '暂无对话，新对话会自动分配给您。',
    'list.emptyOffline': '暂无对话。状态设为“在线”后即可接收新对话。',
    'list.unread': '{n} 条未读',
    'list.noMessages': '（暂无消息）',
    'state.bot': '智能助手接待中',
    'state.queued': '排队中',
    'state.assigned': '进行中',
    'state.closed': '已结束',
    'pane.empty': '从左侧列表选择一个对话开始接待。',
    'pane.queue': '队列：{queue}',
    'pane.started': '开始于 {time}',
    'pane.close': '结束对话',
    'pane.dismiss': '移出列表',
    'pane.closedBanner': '对话已结束，无法继续回复。',
    'pane.transcript': '与 {visitor} 的对话记录',
    'reply.label': '回复内容',
    'reply.placeholder': '输入回复，Enter 发送，Shift+Enter 换行，输入 / 选择快捷回复',
    'reply.send': '发送',
    'reply.hint': 'Enter 发送 · Shift+Enter 换行',
    'canned.title': '快捷回复',
    'canned.toggle': '快捷回复',
    'canned.close': '收起快捷回复',
    'canned.search': '搜索快捷回复',
    'canned.empty': '没有匹配的快捷回复。',
    'canned.error': '快捷回复加载失败。',
    'canned.suggestions': '快捷回复建议',
    'sys.queued': '访客进入「{queue}」队列',
    'sys.assigned': '对话已分配给 {agent}',
    'sys.closed.visitor': '访客已结束对话',
    'sys.closed.agent': '客服已结束对话',
    'sys.closed.idle': '对话因长时间无消息已自动结束',
    'sys.transferred.agent': '已转接给 {agent}',
    'sys.transferred.queue': '转入队列「{queue}」',
    'sys.transferred.overflow': '排队超时，转入「{queue}」',
    'sys.requeued.no_answer': '{agent} 未及时应答，对话已重新排队',
    'sys.requeued.agent_offline': '{agent} 下线，对话已重新排队',
    'sys.requeued.agent_disconnected': '{agent} 断线，对话已重新排队',
    'sys.notice': '已向客户发送排队提示：{text}',
    'transfer.from': '由 {agent} 转出',
    'transfer.bySupervisor': '主管转接',
    'transfer.note': '转接备注：{note}',
    'transfer.done': '对话已转接给 {target}',
    'pane.transfer': '转接',
    'list.movedAway': '与 {visitor} 的对话已转出或重新排队，已从列表移除',
    'author.you': '我',
    'author.bot': '智能助手',
    'list.fromBot': '机器人转入',
    'list.botPreview': '{bot}：',
    'bot.badge': '机器人',
    'bot.answer': '知识库答案：{question}（匹配度 {confidence}%）',
    'bot.choices': '机器人给出的候选问题',
    'bot.unknown': '机器人未能回答（已记录为知识缺口）',
    'bot.offer': '机器人建议转人工：{reason}',
    'bot.transfer': '转人工原因：{reason}',
    'reason.explicit_request': '客户要求转人工',
    'reason.visitor_button': '客户点击了“转人工”',
    'reason.consecutive_misses': '机器人连续未能回答',
    'reason.not_helpful': '客户认为回答没有帮助',
    'reason.negative_tone': '客户情绪不满',
    'reason.other': '其他（{reason}）',
    'similar.action': '加为相似问题',
    'similar.title': '加为相似问题',
    'similar.original': '客户原话',
    'similar.search': '搜索知识库条目',
    'similar.results': '匹配的知识库条目',
    'similar.searching': '正在搜索…',
    'similar.empty': '没有找到匹配的条目，请换个关键词。',
    'similar.category': '分类：{category}',
    'similar.saving': '正在添加…',
    'similar.added': '已添加为「{question}」的相似问题。',
    'similar.exists': '「{question}」已经有这个相似问题了。',
    'similar.error': '添加失败：{message}',
    'similar.searchError': '搜索失败：{message}',
    'similar.close': '关闭',
  },
  'zh-TW': {
    'app.title': 'Kefu 客服工作台',
    'app.loading': '正在載入…',
    'login.title': '登入客服工作台',
    'login.subtitle': '使用企業分配的帳號登入',
    'login.tenant': '企業代號',
    'login.email': '電子郵件',
    'login.password': '密碼',
    'login.submit': '登入',
    'login.submitting': '正在登入…',
    'login.error.invalid': '企業代號、電子郵件或密碼不正確。',
    'login.error.rate': '嘗試次數過多，請稍後再試。',
    'login.error.network': '無法連線到伺服器，請檢查網路後重試。',
    'login.error.generic': '登入失敗：{message}',
    'login.sessionExpired': '登入已逾時，請重新登入。',
    'top.tenant': '企業',
    'top.logout': '登出',
    'top.load': '接待中 {load}/{capacity}',
    'status.label': '接待狀態',
    'status.online': '上線',
    'status.away': '離開',
    'status.offline': '離線',
    'status.wrap_up': '整理中',
    'status.wrapUpHint': '對話結束後的整理時間，期間不會分配新對話',
    'status.endWrapUp': '結束整理',
    'status.busy': '忙碌（已滿）',
    'status.busyHint': '已達接待上限 {capacity}，暫不分配新對話',
    'role.agent': '客服專員',
    'role.supervisor': '主管',
    'role.admin': '管理員',
    'list.title': '我的對話',
    'list.label': '對話列表',
    'list.empty': '目前沒有對話，新對話會自動分配給您。',
    'list.emptyOffline': '目前沒有對話。狀態設為「上線」後即可接收新對話。',
    'list.unread': '{n} 則未讀',
    'list.noMessages': '（尚無訊息）',
    'state.bot': '智慧助理接待中',
    'state.queued': '排隊中',
    'state.assigned': '進行中',
    'state.closed': '已結束',
    'pane.empty': '從左側清單選擇一個對話開始接待。',
    'pane.queue': '佇列：{queue}',
    'pane.started': '開始於 {time}',
    'pane.close': '結束對話',
    'pane.dismiss': '移出清單',
    'pane.closedBanner': '對話已結束，無法繼續回覆。',
    'pane.transcript': '與 {visitor} 的對話紀錄',
    'reply.label': '回覆內容',
    'reply.placeholder': '輸入回覆，Enter 傳送，Shift+Enter 換行，輸入 / 選擇快捷回覆',
    'reply.send': '傳送',
    'reply.hint': 'Enter 傳送 · Shift+Enter 換行',
    'canned.title': '快捷回覆',
    'canned.toggle': '快捷回覆',
    'canned.close': '收起快捷回覆',
    'canned.search': '搜尋快捷回覆',
    'canned.empty': '沒有符合的快捷回覆。',
    'canned.error': '快捷回覆載入失敗。',
    'canned.suggestions': '快捷回覆建議',
    'sys.queued': '訪客進入「{queue}」佇列',
    'sys.assigned': '對話已分配給 {agent}',
    'sys.closed.visitor': '訪客已結束對話',
    'sys.closed.agent': '客服已結束對話',
    'sys.closed.idle': '對話因長時間無訊息已自動結束',
    'sys.transferred.agent': '已轉接給 {agent}',
    'sys.transferred.queue': '轉入佇列「{queue}」',
    'sys.transferred.overflow': '排隊逾時，轉入「{queue}」',
    'sys.requeued.no_answer': '{agent} 未及時回應，對話已重新排隊',
    'sys.requeued.agent_offline': '{agent} 離線，對話已重新排隊',
    'sys.requeued.agent_disconnected': '{agent} 斷線，對話已重新排隊',
    'sys.notice': '已向客戶傳送排隊提示：{text}',
    'transfer.from': '由 {agent} 轉出',
    'transfer.bySupervisor': '主管轉接',
    'transfer.note': '轉接備註：{note}',
    'transfer.done': '對話已轉接給 {target}',
    'pane.transfer': '轉接',
    'list.movedAway': '與 {visitor} 的對話已轉出或重新排隊，已從清單移除',
    'author.you': '我',
    'author.bot': '智慧助理',
    'list.fromBot': '機器人轉入',
    'list.botPreview': '{bot}：',
    'bot.badge': '機器人',
    'bot.answer': '知識庫答案：{question}（相符度 {confidence}%）',
    'bot.choices': '機器人提供的候選問題',
    'bot.unknown': '機器人未能回答（已記錄為知識缺口）',
    'bot.offer': '機器人建議轉真人客服：{reason}',
    'bot.transfer': '轉真人客服原因：{reason}',
    'reason.explicit_request': '客戶要求轉真人客服',
    'reason.visitor_button': '客戶點選了「轉真人客服」',
    'reason.consecutive_misses': '機器人連續未能回答',
    'reason.not_helpful': '客戶認為回答沒有幫助',
    'reason.negative_tone': '客戶情緒不滿',
    'reason.other': '其他（{reason}）',
    'similar.action': '加為相似問題',
    'similar.title': '加為相似問題',
    'similar.original': '客戶原話',
    'similar.search': '搜尋知識庫條目',
    'similar.results': '符合的知識庫條目',
    'similar.searching': '正在搜尋…',
    'similar.empty': '沒有找到符合的條目，請換個關鍵字。',
    'similar.category': '分類：{category}',
    'similar.saving': '正在新增…',
    'similar.added': '已新增為「{question}」的相似問題。',
    'similar.exists': '「{question}」已經有這個相似問題了。',
    'similar.error': '新增失敗：{message}',
    'similar.searchError': '搜尋失敗：{message}',
    'similar.close': '關閉',
  },
  en: {
    'app.title': 'Kefu Agent Workspace',
    'app.loading': 'Loading…',
    'login.title': 'Sign in to the workspace',
    'login.subtitle': 'Use the account your organization gave you',
    'login.tenant': 'Organization',
    'login.email': 'Email',
    'login.password': 'Password',
    'login.submit': 'Sign in',
    'login.submitting': 'Signing in…',
    'login.error.invalid': 'The organization, email or password is incorrect.',
    'login.error.rate': 'Too many attempts. Please try again later.',
    'login.error.network': 'Cannot reach the server. Check your connection and try again.',
    'login.error.generic': 'Sign-in failed: {message}',
    'login.sessionExpired': 'Your session has expired. Please sign in again.',
    'top.tenant': 'Organization',
    'top.logout': 'Sign out',
    'top.load': 'Chats {load}/{capacity}',
    'status.label': 'Availability',
    'status.online': 'Online',
    'status.away': 'Away',
    'status.offline': 'Offline',
    'status.wrap_up': 'Wrap-up',
    'status.wrapUpHint': 'After-chat work: no new conversations until it ends',
    'status.endWrapUp': 'End wrap-up',
    'status.busy': 'Busy (full)',
    'status.busyHint': 'At your limit of {capacity} chats: no new ones for now',
    'role.agent': 'Agent',
    'role.supervisor': 'Supervisor',
    'role.admin': 'Admin',
    'list.title': 'My conversations',
    'list.label': 'Conversations',
    'list.empty': 'No conversations yet. New ones are assigned to you automatically.',
    'list.emptyOffline': 'No conversations. Go online to receive new ones.',
    'list.unread': '{n} unread',
    'list.noMessages': '(no messages yet)',
    'state.bot': 'With the bot',
    'state.queued': 'Queued',
    'state.assigned': 'Active',
    'state.closed': 'Closed',
    'pane.empty': 'Select a conversation on the left to start.',
    'pane.queue': 'Queue: {queue}',
    'pane.started': 'Started {time}',
    'pane.close': 'End chat',
    'pane.dismiss': 'Remove from list',
    'pane.closedBanner': 'This conversation has ended.',
    'pane.transcript': 'Conversation with {visitor}',
    'reply.label': 'Reply',
    'reply.placeholder': 'Type a reply. Enter sends, Shift+Enter adds a line, / for canned replies',
    'reply.send': 'Send',
    'reply.hint': 'Enter to send · Shift+Enter for a new line',
    'canned.title': 'Canned replies',
    'canned.toggle': 'Canned replies',
    'canned.close': 'Hide canned replies',
    'canned.search': 'Search canned replies',
    'canned.empty': 'No matching canned replies.',
    'canned.error': 'Could not load canned replies.',
    'canned.suggestions': 'Canned reply suggestions',
    'sys.queued': 'Visitor entered the “{queue}” queue',
    'sys.assigned': 'Assigned to {agent}',
    'sys.closed.visitor': 'The visitor ended the conversation',
    'sys.closed.agent': 'The agent ended the conversation',
    'sys.closed.idle': 'Closed automatically after inactivity',
    'sys.transferred.agent': 'Transferred to {agent}',
    'sys.transferred.queue': 'Moved to the “{queue}” queue',
    'sys.transferred.overflow': 'Waited too long: moved to “{queue}”',
    'sys.requeued.no_answer': '{agent} did not answer in time; back in the queue',
    'sys.requeued.agent_offline': '{agent} went offline; back in the queue',
    'sys.requeued.agent_disconnected': '{agent} lost connection; back in the queue',
    'sys.notice': 'Wait notice sent to the customer: {text}',
    'transfer.from': 'from {agent}',
    'transfer.bySupervisor': 'By a supervisor',
    'transfer.note': 'Transfer note: {note}',
    'transfer.done': 'Conversation transferred to {target}',
    'pane.transfer': 'Transfer',
    'list.movedAway': 'The conversation with {visitor} was moved or re-queued and left your list',
    'author.you': 'You',
    'author.bot': 'Assistant',
    'list.fromBot': 'From the bot',
    'list.botPreview': '{bot}: ',
    'bot.badge': 'Bot',
    'bot.answer': 'Knowledge base: {question} ({confidence}% match)',
    'bot.choices': 'Questions the bot offered',
    'bot.unknown': 'The bot had no answer (recorded as a knowledge gap)',
    'bot.offer': 'The bot offered a person: {reason}',
    'bot.transfer': 'Handed over: {reason}',
    'reason.explicit_request': 'the customer asked for a person',
    'reason.visitor_button': 'the customer pressed “Talk to a person”',
    'reason.consecutive_misses': 'the bot could not answer several times',
    'reason.not_helpful': 'the customer found an answer not helpful',
    'reason.negative_tone': 'the customer sounds upset',
    'reason.other': 'other ({reason})',
    'similar.action': 'Add as similar question',
    'similar.title': 'Add as a similar question',
    'similar.original': 'Customer’s words',
    'similar.search': 'Search knowledge base entries',
    'similar.results': 'Matching entries',
    'similar.searching': 'Searching…',
    'similar.empty': 'No matching entries. Try other words.',
    'similar.category': 'Category: {category}',
    'similar.saving': 'Adding…',
    'similar.added': 'Added as a similar question of “{question}”.',
    'similar.exists': '“{question}” already has this similar question.',
    'similar.error': 'Could not add it: {message}',
    'similar.searchError': 'Search failed: {message}',
    'similar.close': 'Close',
  },
};

export type AgentMessageKey = AgentKey | CommonKey;
export type AgentT = Translate<AgentMessageKey>;

const all = withCommon(tables);

export function agentTranslator(lang: Lang): AgentT {
  return translator(all, lang);
}
