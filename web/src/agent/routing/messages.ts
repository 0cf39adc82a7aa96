// Strings of the queueing and routing pages (live board, routing administration, transfer
// dialog). The knowledge base's table is included, so these pages share its buttons, errors and
// navigation, and this translator also serves the knowledge base's building blocks (Modal,
// Notice, errorText).

import { useMemo } from 'preact/hooks';
import { translator, type Lang, type MessageTables, type Translate } from '../../shared/i18n';
import type { CommandError } from '../controller';
import { kbMessages, type KbKey } from '../kb/messages';

type OwnKey =
  | 'board.tabs'
  | 'board.tab.live'
  | 'board.tab.messages'
  | 'board.queues'
  | 'board.agents'
  | 'board.live'
  | 'board.paused'
  | 'board.noQueues'
  | 'board.noAgents'
  | 'board.col.queue'
  | 'board.col.waiting'
  | 'board.col.oldest'
  | 'board.col.available'
  | 'board.col.serviceLevel'
  | 'board.sl.detail'
  | 'board.sl.abandoned'
  | 'board.col.agent'
  | 'board.col.state'
  | 'board.col.load'
  | 'board.col.skills'
  | 'board.load'
  | 'board.setState'
  | 'board.stateSet'
  | 'board.stateError'
  | 'board.chats'
  | 'board.chatsOf'
  | 'state.online'
  | 'state.busy'
  | 'state.away'
  | 'state.wrap_up'
  | 'state.offline'
  | 'state.notConnected'
  | 'role.agent'
  | 'role.supervisor'
  | 'role.admin'
  | 'dur.s'
  | 'dur.ms'
  | 'dur.hm'
  | 'chats.title'
  | 'chats.empty'
  | 'chats.unsupported'
  | 'chats.meta'
  | 'chats.view'
  | 'chats.hide'
  | 'chats.viewOf'
  | 'chats.hideOf'
  | 'chats.transfer'
  | 'chats.transferOf'
  | 'chats.transcript'
  | 'chats.noMessages'
  | 'chats.moved'
  | 'left.title'
  | 'left.help'
  | 'left.empty'
  | 'left.col.at'
  | 'left.col.queue'
  | 'left.col.visitor'
  | 'left.col.contact'
  | 'left.col.text'
  | 'transfer.title'
  | 'transfer.subject'
  | 'transfer.subjectWithAgent'
  | 'transfer.toAgent'
  | 'transfer.toQueue'
  | 'transfer.noAgents'
  | 'transfer.noQueues'
  | 'transfer.load'
  | 'transfer.waiting'
  | 'transfer.unavailable'
  | 'transfer.note'
  | 'transfer.noteHint'
  | 'transfer.noteTooLong'
  | 'transfer.pickTarget'
  | 'transfer.submit'
  | 'transfer.sending'
  | 'transfer.loadError'
  | 'cmd.err.agent_unavailable'
  | 'cmd.err.forbidden'
  | 'cmd.err.not_found'
  | 'cmd.err.conversation_closed'
  | 'cmd.err.other'
  | 'rq.title'
  | 'rq.help'
  | 'rq.new'
  | 'rq.col.name'
  | 'rq.col.slug'
  | 'rq.col.mode'
  | 'rq.col.strategy'
  | 'rq.col.skills'
  | 'rq.col.overflow'
  | 'rq.col.hours'
  | 'rq.botFirst'
  | 'rq.humanFirst'
  | 'rq.alwaysOpen'
  | 'rq.hours'
  | 'rq.overflowTo'
  | 'rq.edit'
  | 'rq.created'
  | 'rq.updated'
  | 'strategy.least_busy'
  | 'strategy.longest_idle'
  | 'strategy.round_robin'
  | 'strategy.skill_level'
  | 'strategy.least_busy.hint'
  | 'strategy.longest_idle.hint'
  | 'strategy.round_robin.hint'
  | 'strategy.skill_level.hint'
  | 'qf.newTitle'
  | 'qf.editTitle'
  | 'qf.group.basic'
  | 'qf.name'
  | 'qf.slug'
  | 'qf.slugHint'
  | 'qf.slugFixed'
  | 'qf.botFirst'
  | 'qf.skills'
  | 'qf.skillsHint'
  | 'qf.group.assign'
  | 'qf.strategy'
  | 'qf.assignTimeout'
  | 'qf.assignTimeoutHint'
  | 'qf.maxWaiting'
  | 'qf.maxWaitingHint'
  | 'qf.serviceLevel'
  | 'qf.serviceLevelHint'
  | 'qf.group.priority'
  | 'qf.priorityHelp'
  | 'qf.rules.empty'
  | 'qf.rule.tag'
  | 'qf.rule.tagPlaceholder'
  | 'qf.rule.priority'
  | 'qf.rule.add'
  | 'qf.rule.remove'
  | 'qf.group.sticky'
  | 'qf.stickyHelp'
  | 'qf.stickyWindow'
  | 'qf.stickyWait'
  | 'qf.zeroOff'
  | 'qf.group.overflow'
  | 'qf.overflowHelp'
  | 'qf.overflowQueue'
  | 'qf.overflowNone'
  | 'qf.overflowAfter'
  | 'qf.group.notices'
  | 'qf.noticesHelp'
  | 'qf.notices.empty'
  | 'qf.notice.after'
  | 'qf.notice.unit'
  | 'qf.notice.text'
  | 'qf.notice.add'
  | 'qf.notice.remove'
  | 'qf.group.hours'
  | 'qf.hours.always'
  | 'qf.hours.custom'
  | 'qf.hours.tz'
  | 'qf.hours.tzHint'
  | 'qf.hours.weekly'
  | 'qf.hours.empty'
  | 'qf.hours.day'
  | 'qf.hours.open'
  | 'qf.hours.close'
  | 'qf.hours.add'
  | 'qf.hours.remove'
  | 'qf.holidays'
  | 'qf.holidays.empty'
  | 'qf.holiday'
  | 'qf.holiday.add'
  | 'qf.holiday.remove'
  | 'day.1'
  | 'day.2'
  | 'day.3'
  | 'day.4'
  | 'day.5'
  | 'day.6'
  | 'day.7'
  | 'qf.err.name'
  | 'qf.err.nameLong'
  | 'qf.err.slug'
  | 'qf.err.int'
  | 'qf.err.serviceLevel'
  | 'qf.err.rule'
  | 'qf.err.ruleDup'
  | 'qf.err.notice'
  | 'qf.err.noticeLong'
  | 'qf.err.tz'
  | 'qf.err.hours'
  | 'qf.err.holiday'
  | 'qf.serverError'
  | 'ra.title'
  | 'ra.help'
  | 'ra.col.name'
  | 'ra.col.role'
  | 'ra.col.capacity'
  | 'ra.col.skills'
  | 'ra.col.queues'
  | 'ra.skill'
  | 'ra.edit'
  | 'ra.saved'
  | 'af.title'
  | 'af.capacity'
  | 'af.capacityHint'
  | 'af.skills'
  | 'af.skills.empty'
  | 'af.skill.name'
  | 'af.skill.level'
  | 'af.skill.add'
  | 'af.skill.remove'
  | 'af.queues'
  | 'af.queuesHelp'
  | 'af.err.capacity'
  | 'af.err.skill'
  | 'af.err.skillDup'
  | 'rs.title'
  | 'rs.wrapUp'
  | 'rs.wrapUpHint'
  | 'rs.grace'
  | 'rs.graceHint'
  | 'rs.typingPreview'
  | 'rs.save'
  | 'rs.saved'
  | 'rs.err'
  | 'am.title'
  | 'am.help'
  | 'am.greeting'
  | 'am.greetingHint'
  | 'am.closing'
  | 'am.closingHint'
  | 'am.reminderAfter'
  | 'am.reminderAfterHint'
  | 'am.reminder'
  | 'am.closeAfter'
  | 'am.closeAfterHint'
  | 'am.suggest'
  | 'am.save'
  | 'am.saved'
  | 'am.err'
  | 'id.title'
  | 'id.help'
  | 'id.secret'
  | 'id.masked'
  | 'id.reveal'
  | 'id.hide'
  | 'id.warn';

const own: MessageTables<OwnKey> = {
  'zh-CN': {
    'board.tabs': '监控台功能',
    'board.tab.live': '实时监控',
    'board.tab.messages': '客户留言',
    'board.queues': '队列',
    'board.agents': '坐席',
    'board.live': '实时更新中',
    'board.paused': '连接中断，数据可能不是最新',
    'board.noQueues': '没有队列。',
    'board.noAgents': '没有坐席。',
    'board.col.queue': '队列',
    'board.col.waiting': '排队中',
    'board.col.oldest': '最长等待',
    'board.col.available': '可用坐席',
    'board.col.serviceLevel': '服务水平',
    'board.sl.detail': '{within}/{answered} 及时接入 · 目标 {target} 秒',
    'board.sl.abandoned': '放弃 {n}',
    'board.col.agent': '坐席',
    'board.col.state': '状态',
    'board.col.load': '接待量',
    'board.col.skills': '技能',
    'board.load': '{load}/{capacity}',
    'board.setState': '设置「{name}」的状态',
    'board.stateSet': '已将「{name}」设为{state}。',
    'board.stateError': '无法设置「{name}」的状态：{message}',
    'board.chats': '查看对话',
    'board.chatsOf': '查看「{name}」的对话',
    'state.online': '在线',
    'state.busy': '忙碌',
    'state.away': '离开',
    'state.wrap_up': '整理中',
    'state.offline': '离线',
    'state.notConnected': '（未连接）',
    'role.agent': '坐席',
    'role.supervisor': '主管',
    'role.admin': '管理员',
    'dur.s': '{s} 秒',
    'dur.ms': '{m} 分 {s} 秒',
    'dur.hm': '{h} 小时 {m} 分',
    'chats.title': '「{name}」的对话',
    'chats.empty': '该坐席目前没有进行中的对话。',
    'chats.unsupported': '服务器暂不支持列出坐席的对话。',
    'chats.meta': '{queue} · 开始于 {time}',
    'chats.view': '查看记录',
    'chats.hide': '收起记录',
    'chats.viewOf': '查看与「{visitor}」的对话记录',
    'chats.hideOf': '收起与「{visitor}」的对话记录',
    'chats.transfer': '转接',
    'chats.transferOf': '转接与「{visitor}」的对话',
    'chats.transcript': '与 {visitor} 的对话记录',
    'chats.noMessages': '（暂无消息）',
    'chats.moved': '与「{visitor}」的对话已转接。',
    'left.title': '客户留言',
    'left.help': '非营业时间或队列已满时客户留下的消息，最新的在前。',
    'left.empty': '暂无留言。',
    'left.col.at': '时间',
    'left.col.queue': '队列',
    'left.col.visitor': '客户',
    'left.col.contact': '联系方式',
    'left.col.text': '留言内容',
    'transfer.title': '转接对话',
    'transfer.subject': '与 {visitor} 的对话',
    'transfer.subjectWithAgent': '与 {visitor} 的对话（当前坐席：{agent}）',
    'transfer.toAgent': '转给坐席',
    'transfer.toQueue': '转入队列（排在最前）',
    'transfer.noAgents': '没有其他坐席。',
    'transfer.noQueues': '没有队列。',
    'transfer.load': '接待 {load}/{capacity}',
    'transfer.waiting': '{n} 人排队',
    'transfer.unavailable': '暂不可接',
    'transfer.note': '转接备注（选填）',
    'transfer.noteHint': '接手的坐席会在对话中看到 · {n}/{max} 字',
    'transfer.noteTooLong': '备注最多 {max} 个字。',
    'transfer.pickTarget': '请选择要转给的坐席或队列。',
    'transfer.submit': '转接',
    'transfer.sending': '正在转接…',
    'transfer.loadError': '无法加载转接目标：{message}',
    'cmd.err.agent_unavailable': '该坐席现在无法接入（需要在线、已连接且未满），请选择其他坐席或队列。',
    'cmd.err.forbidden': '您没有权限执行此操作。',
    'cmd.err.not_found': '找不到这个对话或坐席。',
    'cmd.err.conversation_closed': '对话已经结束，无法转接。',
    'cmd.err.other': '操作未成功（{code}）：{message}',
    'rq.title': '队列',
    'rq.help': '对话在队列中等待，按队列的规则分配给坐席。',
    'rq.new': '新建队列',
    'rq.col.name': '名称',
    'rq.col.slug': '标识',
    'rq.col.mode': '接待方式',
    'rq.col.strategy': '分配策略',
    'rq.col.skills': '所需技能',
    'rq.col.overflow': '溢出',
    'rq.col.hours': '营业时间',
    'rq.botFirst': '机器人优先',
    'rq.humanFirst': '人工优先',
    'rq.alwaysOpen': '全天开放',
    'rq.hours': '按营业时间（{tz}，{n} 个时段）',
    'rq.overflowTo': '{s} 秒后转入「{queue}」',
    'rq.edit': '编辑「{name}」',
    'rq.created': '已创建队列「{name}」。',
    'rq.updated': '已保存队列「{name}」。',
    'strategy.least_busy': '负载最低优先',
    'strategy.longest_idle': '空闲最久优先',
    'strategy.round_robin': '轮流分配',
    'strategy.skill_level': '技能等级优先',
    'strategy.least_busy.hint': '分给当前负载（接待量 ÷ 上限）最低的坐席。',
    'strategy.longest_idle.hint': '分给距上次分配最久的坐席。',
    'strategy.round_robin.hint': '坐席在本队列中轮流接待。',
    'strategy.skill_level.hint': '分给所需技能等级之和最高的坐席，相同时看负载。',
    'qf.newTitle': '新建队列',
    'qf.editTitle': '编辑队列「{name}」',
    'qf.group.basic': '基本信息',
    'qf.name': '队列名称',
    'qf.slug': '队列标识',
    'qf.slugHint': '小写字母、数字、- 或 _；网站用 data-queue 指定队列，创建后不能修改',
    'qf.slugFixed': '创建后不能修改',
    'qf.botFirst': '机器人优先接待（知识库机器人先回答，需要时转人工）',
    'qf.skills': '所需技能（用逗号分隔）',
    'qf.skillsHint': '具备全部技能的坐席或本队列的成员可以接待',
    'qf.group.assign': '分配',
    'qf.strategy': '分配策略',
    'qf.assignTimeout': '应答超时（秒）',
    'qf.assignTimeoutHint': '分配后在此时间内未回复，对话重新排队、坐席设为离开；0 为不限',
    'qf.maxWaiting': '排队上限',
    'qf.maxWaitingHint': '达到此数量时拒绝新对话；0 为不限',
    'qf.serviceLevel': '服务水平目标（秒）',
    'qf.serviceLevelHint': '在此时间内接入的对话计为及时',
    'qf.group.priority': '优先级规则',
    'qf.priorityHelp': '客户的已验证身份带有某个标签时按对应优先级排队（0–9，越大越先；多条匹配取最高）。',
    'qf.rules.empty': '没有规则：所有客户优先级为 0。',
    'qf.rule.tag': '第 {n} 条规则：标签',
    'qf.rule.tagPlaceholder': '标签，如 vip',
    'qf.rule.priority': '第 {n} 条规则：优先级',
    'qf.rule.add': '添加规则',
    'qf.rule.remove': '删除第 {n} 条规则',
    'qf.group.sticky': '熟客优先',
    'qf.stickyHelp': '客户在上次对话结束后不久再来时，先分给上次的坐席。',
    'qf.stickyWindow': '回访时间窗（秒）',
    'qf.stickyWait': '等待原坐席（秒）',
    'qf.zeroOff': '0 为关闭',
    'qf.group.overflow': '溢出',
    'qf.overflowHelp': '排队超过设定时间后转入另一个队列（保留排队时间和优先级）。',
    'qf.overflowQueue': '溢出到队列',
    'qf.overflowNone': '不溢出',
    'qf.overflowAfter': '排队多久后溢出（秒）',
    'qf.group.notices': '排队提示',
    'qf.noticesHelp': '客户排队达到设定时间后收到的提示，每条发送一次。',
    'qf.notices.empty': '没有排队提示。',
    'qf.notice.after': '第 {n} 条提示：等待秒数',
    'qf.notice.unit': '秒后',
    'qf.notice.text': '第 {n} 条提示：内容',
    'qf.notice.add': '添加提示',
    'qf.notice.remove': '删除第 {n} 条提示',
    'qf.group.hours': '营业时间',
    'qf.hours.always': '全天开放',
    'qf.hours.custom': '按营业时间',
    'qf.hours.tz': '时区',
    'qf.hours.tzHint': 'IANA 时区名，如 Asia/Shanghai',
    'qf.hours.weekly': '每周时段',
    'qf.hours.empty': '没有时段：队列将一直关闭。',
    'qf.hours.day': '第 {n} 个时段：星期',
    'qf.hours.open': '第 {n} 个时段：开始',
    'qf.hours.close': '第 {n} 个时段：结束',
    'qf.hours.add': '添加时段',
    'qf.hours.remove': '删除第 {n} 个时段',
    'qf.holidays': '节假日（全天关闭）',
    'qf.holidays.empty': '没有节假日。',
    'qf.holiday': '第 {n} 个节假日',
    'qf.holiday.add': '添加节假日',
    'qf.holiday.remove': '删除第 {n} 个节假日',
    'day.1': '周一',
    'day.2': '周二',
    'day.3': '周三',
    'day.4': '周四',
    'day.5': '周五',
    'day.6': '周六',
    'day.7': '周日',
    'qf.err.name': '请填写队列名称。',
    'qf.err.nameLong': '队列名称最多 {max} 个字。',
    'qf.err.slug': '队列标识只能包含小写字母、数字、- 和 _，且以字母或数字开头。',
    'qf.err.int': '「{field}」必须是不小于 0 的整数。',
    'qf.err.serviceLevel': '服务水平目标至少 1 秒。',
    'qf.err.rule': '第 {n} 条规则：标签不能为空，优先级为 0–9 的整数。',
    'qf.err.ruleDup': '标签「{tag}」有多条规则。',
    'qf.err.notice': '第 {n} 条提示：等待秒数须为正整数，内容不能为空。',
    'qf.err.noticeLong': '第 {n} 条提示最多 {max} 个字。',
    'qf.err.tz': '请填写时区。',
    'qf.err.hours': '第 {n} 个时段：请填写开始和结束时间，开始须早于结束。',
    'qf.err.holiday': '第 {n} 个节假日的日期无效。',
    'qf.serverError': '保存失败：{message}',
    'ra.title': '坐席',
    'ra.help': '接待上限、技能（1–10 级）和所属队列决定坐席接待哪些对话。',
    'ra.col.name': '姓名',
    'ra.col.role': '角色',
    'ra.col.capacity': '接待上限',
    'ra.col.skills': '技能',
    'ra.col.queues': '所属队列',
    'ra.skill': '{name} {level} 级',
    'ra.edit': '编辑「{name}」',
    'ra.saved': '已保存「{name}」。',
    'af.title': '编辑坐席「{name}」',
    'af.capacity': '接待上限',
    'af.capacityHint': '同时进行的对话数',
    'af.skills': '技能',
    'af.skills.empty': '没有技能。',
    'af.skill.name': '第 {n} 项技能：名称',
    'af.skill.level': '第 {n} 项技能：等级（1–10）',
    'af.skill.add': '添加技能',
    'af.skill.remove': '删除第 {n} 项技能',
    'af.queues': '所属队列',
    'af.queuesHelp': '队列成员无需具备队列的技能也可以接待。',
    'af.err.capacity': '接待上限必须是不小于 0 的整数。',
    'af.err.skill': '第 {n} 项技能：名称不能为空，等级为 1–10 的整数。',
    'af.err.skillDup': '技能「{name}」重复了。',
    'rs.title': '整理、断线与输入预览',
    'rs.wrapUp': '整理时间（秒）',
    'rs.wrapUpHint': '对话结束后坐席进入整理状态的时长，期间不分配新对话；0 为关闭',
    'rs.grace': '断线保留时间（秒）',
    'rs.graceHint': '坐席断线后保留其对话的时长（刷新页面不会丢失对话），超时后对话重新排队',
    'rs.typingPreview': '坐席可实时看到客户正在输入、尚未发送的内容（不保存）',
    'rs.save': '保存设置',
    'rs.saved': '路由设置已保存。',
    'rs.err': '请输入不小于 0 的整数秒数。',
    'am.title': '自动消息',
    'am.help': '系统以坐席的名义自动发送。可用变量：{客服名}、{客户名}、{队列}。留空或填 0 即关闭该项。',
    'am.greeting': '接入问候语',
    'am.greetingHint': '对话分配给坐席（含转接）时自动发送',
    'am.closing': '结束语',
    'am.closingHint': '坐席结束对话或对话因客户未回复而结束时发送',
    'am.reminderAfter': '客户未回复提醒（分钟）',
    'am.reminderAfterHint': '坐席发言后客户多久未回复即发送提醒；0 为关闭',
    'am.reminder': '提醒内容',
    'am.closeAfter': '提醒后自动结束（分钟）',
    'am.closeAfterHint': '提醒后客户仍未回复，再过多久自动结束对话；0 为不自动结束',
    'am.suggest': '填入推荐文案',
    'am.save': '保存自动消息',
    'am.saved': '自动消息已保存。',
    'am.err': '请输入 0–1440 之间的分钟数（可含小数）。',
    'id.title': '访客身份验证',
    'id.help': '网站在服务端用此密钥签名访客身份：payload 为 JSON {"user_id","name","tags","phone","email","vip","attrs","exp"} 的 base64url（无填充），签名为 payload 的 HMAC-SHA256（小写十六进制），以「payload.签名」放入 widget 的 data-identity。',
    'id.secret': '签名密钥',
    'id.masked': '••••••••••••••••',
    'id.reveal': '显示密钥',
    'id.hide': '隐藏密钥',
    'id.warn': '密钥只能保存在网站的服务器上，切勿写进网页代码。',
  },
  'zh-TW': {
    'board.tabs': '監控台功能',
    'board.tab.live': '即時監控',
    'board.tab.messages': '客戶留言',
    'board.queues': '佇列',
    'board.agents': '客服專員',
    'board.live': '即時更新中',
    'board.paused': '連線中斷，資料可能不是最新',
    'board.noQueues': '沒有佇列。',
    'board.noAgents': '沒有客服專員。',
    'board.col.queue': '佇列',
    'board.col.waiting': '排隊中',
    'board.col.oldest': '最長等待',
    'board.col.available': '可用專員',
    'board.col.serviceLevel': '服務水準',
    'board.sl.detail': '{within}/{answered} 及時接入 · 目標 {target} 秒',
    'board.sl.abandoned': '放棄 {n}',
    'board.col.agent': '客服專員',
    'board.col.state': '狀態',
    'board.col.load': '接待量',
    'board.col.skills': '技能',
    'board.load': '{load}/{capacity}',
    'board.setState': '設定「{name}」的狀態',
    'board.stateSet': '已將「{name}」設為{state}。',
    'board.stateError': '無法設定「{name}」的狀態：{message}',
    'board.chats': '查看對話',
    'board.chatsOf': '查看「{name}」的對話',
    'state.online': '上線',
    'state.busy': '忙碌',
    'state.away': '離開',
    'state.wrap_up': '整理中',
    'state.offline': '離線',
    'state.notConnected': '（未連線）',
    'role.agent': '客服專員',
    'role.supervisor': '主管',
    'role.admin': '管理員',
    'dur.s': '{s} 秒',
    'dur.ms': '{m} 分 {s} 秒',
    'dur.hm': '{h} 小時 {m} 分',
    'chats.title': '「{name}」的對話',
    'chats.empty': '這位專員目前沒有進行中的對話。',
    'chats.unsupported': '伺服器暫不支援列出專員的對話。',
    'chats.meta': '{queue} · 開始於 {time}',
    'chats.view': '查看紀錄',
    'chats.hide': '收起紀錄',
    'chats.viewOf': '查看與「{visitor}」的對話紀錄',
    'chats.hideOf': '收起與「{visitor}」的對話紀錄',
    'chats.transfer': '轉接',
    'chats.transferOf': '轉接與「{visitor}」的對話',
    'chats.transcript': '與 {visitor} 的對話紀錄',
    'chats.noMessages': '（尚無訊息）',
    'chats.moved': '與「{visitor}」的對話已轉接。',
    'left.title': '客戶留言',
    'left.help': '非營業時間或佇列已滿時客戶留下的訊息，最新的在前。',
    'left.empty': '尚無留言。',
    'left.col.at': '時間',
    'left.col.queue': '佇列',
    'left.col.visitor': '客戶',
    'left.col.contact': '聯絡方式',
    'left.col.text': '留言內容',
    'transfer.title': '轉接對話',
    'transfer.subject': '與 {visitor} 的對話',
    'transfer.subjectWithAgent': '與 {visitor} 的對話（目前專員：{agent}）',
    'transfer.toAgent': '轉給客服專員',
    'transfer.toQueue': '轉入佇列（排在最前）',
    'transfer.noAgents': '沒有其他客服專員。',
    'transfer.noQueues': '沒有佇列。',
    'transfer.load': '接待 {load}/{capacity}',
    'transfer.waiting': '{n} 人排隊',
    'transfer.unavailable': '暫不可接',
    'transfer.note': '轉接備註（選填）',
    'transfer.noteHint': '接手的專員會在對話中看到 · {n}/{max} 字',
    'transfer.noteTooLong': '備註最多 {max} 個字。',
    'transfer.pickTarget': '請選擇要轉給的專員或佇列。',
    'transfer.submit': '轉接',
    'transfer.sending': '正在轉接…',
    'transfer.loadError': '無法載入轉接對象：{message}',
    'cmd.err.agent_unavailable': '這位專員現在無法接入（需要上線、已連線且未滿），請選擇其他專員或佇列。',
    'cmd.err.forbidden': '您沒有權限執行此操作。',
    'cmd.err.not_found': '找不到這個對話或專員。',
    'cmd.err.conversation_closed': '對話已經結束，無法轉接。',
    'cmd.err.other': '操作未成功（{code}）：{message}',
    'rq.title': '佇列',
    'rq.help': '對話在佇列中等待，依佇列的規則分配給專員。',
    'rq.new': '新增佇列',
    'rq.col.name': '名稱',
    'rq.col.slug': '代號',
    'rq.col.mode': '接待方式',
    'rq.col.strategy': '分配策略',
    'rq.col.skills': '所需技能',
    'rq.col.overflow': '溢出',
    'rq.col.hours': '營業時間',
    'rq.botFirst': '機器人優先',
    'rq.humanFirst': '真人優先',
    'rq.alwaysOpen': '全天開放',
    'rq.hours': '依營業時間（{tz}，{n} 個時段）',
    'rq.overflowTo': '{s} 秒後轉入「{queue}」',
    'rq.edit': '編輯「{name}」',
    'rq.created': '已新增佇列「{name}」。',
    'rq.updated': '已儲存佇列「{name}」。',
    'strategy.least_busy': '負載最低優先',
    'strategy.longest_idle': '閒置最久優先',
    'strategy.round_robin': '輪流分配',
    'strategy.skill_level': '技能等級優先',
    'strategy.least_busy.hint': '分給目前負載（接待量 ÷ 上限）最低的專員。',
    'strategy.longest_idle.hint': '分給距上次分配最久的專員。',
    'strategy.round_robin.hint': '專員在本佇列中輪流接待。',
    'strategy.skill_level.hint': '分給所需技能等級總和最高的專員，相同時看負載。',
    'qf.newTitle': '新增佇列',
    'qf.editTitle': '編輯佇列「{name}」',
    'qf.group.basic': '基本資料',
    'qf.name': '佇列名稱',
    'qf.slug': '佇列代號',
    'qf.slugHint': '小寫字母、數字、- 或 _；網站以 data-queue 指定佇列，建立後不能修改',
    'qf.slugFixed': '建立後不能修改',
    'qf.botFirst': '機器人優先接待（知識庫機器人先回答，需要時轉真人）',
    'qf.skills': '所需技能（以逗號分隔）',
    'qf.skillsHint': '具備全部技能的專員或本佇列的成員可以接待',
    'qf.group.assign': '分配',
    'qf.strategy': '分配策略',
    'qf.assignTimeout': '回應逾時（秒）',
    'qf.assignTimeoutHint': '分配後在此時間內未回覆，對話重新排隊、專員設為離開；0 為不限',
    'qf.maxWaiting': '排隊上限',
    'qf.maxWaitingHint': '達到此數量時拒絕新對話；0 為不限',
    'qf.serviceLevel': '服務水準目標（秒）',
    'qf.serviceLevelHint': '在此時間內接入的對話算作及時',
    'qf.group.priority': '優先順序規則',
    'qf.priorityHelp': '客戶的已驗證身分帶有某個標籤時依對應優先順序排隊（0–9，越大越先；多條符合取最高）。',
    'qf.rules.empty': '沒有規則：所有客戶優先順序為 0。',
    'qf.rule.tag': '第 {n} 條規則：標籤',
    'qf.rule.tagPlaceholder': '標籤，如 vip',
    'qf.rule.priority': '第 {n} 條規則：優先順序',
    'qf.rule.add': '新增規則',
    'qf.rule.remove': '刪除第 {n} 條規則',
    'qf.group.sticky': '熟客優先',
    'qf.stickyHelp': '客戶在上次對話結束後不久再來時，先分給上次的專員。',
    'qf.stickyWindow': '回訪時間窗（秒）',
    'qf.stickyWait': '等待原專員（秒）',
    'qf.zeroOff': '0 為關閉',
    'qf.group.overflow': '溢出',
    'qf.overflowHelp': '排隊超過設定時間後轉入另一個佇列（保留排隊時間與優先順序）。',
    'qf.overflowQueue': '溢出到佇列',
    'qf.overflowNone': '不溢出',
    'qf.overflowAfter': '排隊多久後溢出（秒）',
    'qf.group.notices': '排隊提示',
    'qf.noticesHelp': '客戶排隊達到設定時間後收到的提示，每則傳送一次。',
    'qf.notices.empty': '沒有排隊提示。',
    'qf.notice.after': '第 {n} 則提示：等待秒數',
    'qf.notice.unit': '秒後',
    'qf.notice.text': '第 {n} 則提示：內容',
    'qf.notice.add': '新增提示',
    'qf.notice.remove': '刪除第 {n} 則提示',
    'qf.group.hours': '營業時間',
    'qf.hours.always': '全天開放',
    'qf.hours.custom': '依營業時間',
    'qf.hours.tz': '時區',
    'qf.hours.tzHint': 'IANA 時區名稱，如 Asia/Taipei',
    'qf.hours.weekly': '每週時段',
    'qf.hours.empty': '沒有時段：佇列將一直關閉。',
    'qf.hours.day': '第 {n} 個時段：星期',
    'qf.hours.open': '第 {n} 個時段：開始',
    'qf.hours.close': '第 {n} 個時段：結束',
    'qf.hours.add': '新增時段',
    'qf.hours.remove': '刪除第 {n} 個時段',
    'qf.holidays': '假日（全天關閉）',
    'qf.holidays.empty': '沒有假日。',
    'qf.holiday': '第 {n} 個假日',
    'qf.holiday.add': '新增假日',
    'qf.holiday.remove': '刪除第 {n} 個假日',
    'day.1': '週一',
    'day.2': '週二',
    'day.3': '週三',
    'day.4': '週四',
    'day.5': '週五',
    'day.6': '週六',
    'day.7': '週日',
    'qf.err.name': '請填寫佇列名稱。',
    'qf.err.nameLong': '佇列名稱最多 {max} 個字。',
    'qf.err.slug': '佇列代號只能包含小寫字母、數字、- 和 _，且以字母或數字開頭。',
    'qf.err.int': '「{field}」必須是不小於 0 的整數。',
    'qf.err.serviceLevel': '服務水準目標至少 1 秒。',
    'qf.err.rule': '第 {n} 條規則：標籤不能為空，優先順序為 0–9 的整數。',
    'qf.err.ruleDup': '標籤「{tag}」有多條規則。',
    'qf.err.notice': '第 {n} 則提示：等待秒數須為正整數，內容不能為空。',
    'qf.err.noticeLong': '第 {n} 則提示最多 {max} 個字。',
    'qf.err.tz': '請填寫時區。',
    'qf.err.hours': '第 {n} 個時段：請填寫開始與結束時間，開始須早於結束。',
    'qf.err.holiday': '第 {n} 個假日的日期無效。',
    'qf.serverError': '儲存失敗：{message}',
    'ra.title': '客服專員',
    'ra.help': '接待上限、技能（1–10 級）與所屬佇列決定專員接待哪些對話。',
    'ra.col.name': '姓名',
    'ra.col.role': '角色',
    'ra.col.capacity': '接待上限',
    'ra.col.skills': '技能',
    'ra.col.queues': '所屬佇列',
    'ra.skill': '{name} {level} 級',
    'ra.edit': '編輯「{name}」',
    'ra.saved': '已儲存「{name}」。',
    'af.title': '編輯專員「{name}」',
    'af.capacity': '接待上限',
    'af.capacityHint': '同時進行的對話數',
    'af.skills': '技能',
    'af.skills.empty': '沒有技能。',
    'af.skill.name': '第 {n} 項技能：名稱',
    'af.skill.level': '第 {n} 項技能：等級（1–10）',
    'af.skill.add': '新增技能',
    'af.skill.remove': '刪除第 {n} 項技能',
    'af.queues': '所屬佇列',
    'af.queuesHelp': '佇列成員不需具備佇列的技能也可以接待。',
    'af.err.capacity': '接待上限必須是不小於 0 的整數。',
    'af.err.skill': '第 {n} 項技能：名稱不能為空，等級為 1–10 的整數。',
    'af.err.skillDup': '技能「{name}」重複了。',
    'rs.title': '整理、斷線與輸入預覽',
    'rs.wrapUp': '整理時間（秒）',
    'rs.wrapUpHint': '對話結束後專員進入整理狀態的時長，期間不分配新對話；0 為關閉',
    'rs.grace': '斷線保留時間（秒）',
    'rs.graceHint': '專員斷線後保留其對話的時長（重新整理頁面不會遺失對話），逾時後對話重新排隊',
    'rs.typingPreview': '專員可即時看到客戶正在輸入、尚未送出的內容（不儲存）',
    'rs.save': '儲存設定',
    'rs.saved': '路由設定已儲存。',
    'rs.err': '請輸入不小於 0 的整數秒數。',
    'am.title': '自動訊息',
    'am.help': '系統以客服的名義自動傳送。可用變數：{客服名}、{客户名}、{队列}。留空或填 0 即關閉該項。',
    'am.greeting': '接入問候語',
    'am.greetingHint': '對話分配給客服（含轉接）時自動傳送',
    'am.closing': '結束語',
    'am.closingHint': '客服結束對話或對話因客戶未回覆而結束時傳送',
    'am.reminderAfter': '客戶未回覆提醒（分鐘）',
    'am.reminderAfterHint': '客服發言後客戶多久未回覆即傳送提醒；0 為關閉',
    'am.reminder': '提醒內容',
    'am.closeAfter': '提醒後自動結束（分鐘）',
    'am.closeAfterHint': '提醒後客戶仍未回覆，再過多久自動結束對話；0 為不自動結束',
    'am.suggest': '填入建議文案',
    'am.save': '儲存自動訊息',
    'am.saved': '自動訊息已儲存。',
    'am.err': '請輸入 0–1440 之間的分鐘數（可含小數）。',
    'id.title': '訪客身分驗證',
    'id.help': '網站在伺服器端以此金鑰簽署訪客身分：payload 為 JSON {"user_id","name","tags","phone","email","vip","attrs","exp"} 的 base64url（無填充），簽章為 payload 的 HMAC-SHA256（小寫十六進位），以「payload.簽章」放入 widget 的 data-identity。',
    'id.secret': '簽章金鑰',
    'id.masked': '••••••••••••••••',
    'id.reveal': '顯示金鑰',
    'id.hide': '隱藏金鑰',
    'id.warn': '金鑰只能保存在網站的伺服器上，切勿寫進網頁程式碼。',
  },
  en: {
    'board.tabs': 'Board sections',
    'board.tab.live': 'Live',
    'board.tab.messages': 'Left messages',
    'board.queues': 'Queues',
    'board.agents': 'Agents',
    'board.live': 'Live',
    'board.paused': 'Disconnected: figures may be out of date',
    'board.noQueues': 'No queues.',
    'board.noAgents': 'No agents.',
    'board.col.queue': 'Queue',
    'board.col.waiting': 'Waiting',
    'board.col.oldest': 'Longest wait',
    'board.col.available': 'Available agents',
    'board.col.serviceLevel': 'Service level',
    'board.sl.detail': '{within}/{answered} answered in time · target {target} s',
    'board.sl.abandoned': '{n} abandoned',
    'board.col.agent': 'Agent',
    'board.col.state': 'State',
    'board.col.load': 'Chats',
    'board.col.skills': 'Skills',
    'board.load': '{load}/{capacity}',
    'board.setState': 'Set the state of {name}',
    'board.stateSet': '{name} is now {state}.',
    'board.stateError': 'Could not set the state of {name}: {message}',
    'board.chats': 'Chats',
    'board.chatsOf': 'Chats of {name}',
    'state.online': 'Online',
    'state.busy': 'Busy',
    'state.away': 'Away',
    'state.wrap_up': 'Wrap-up',
    'state.offline': 'Offline',
    'state.notConnected': ' (not connected)',
    'role.agent': 'Agent',
    'role.supervisor': 'Supervisor',
    'role.admin': 'Admin',
    'dur.s': '{s}s',
    'dur.ms': '{m}m {s}s',
    'dur.hm': '{h}h {m}m',
    'chats.title': 'Chats of {name}',
    'chats.empty': 'This agent has no open chats.',
    'chats.unsupported': 'The server cannot list an agent’s chats yet.',
    'chats.meta': '{queue} · started {time}',
    'chats.view': 'Transcript',
    'chats.hide': 'Hide transcript',
    'chats.viewOf': 'Show the transcript with {visitor}',
    'chats.hideOf': 'Hide the transcript with {visitor}',
    'chats.transfer': 'Reassign',
    'chats.transferOf': 'Reassign the chat with {visitor}',
    'chats.transcript': 'Conversation with {visitor}',
    'chats.noMessages': '(no messages yet)',
    'chats.moved': 'The chat with {visitor} was reassigned.',
    'left.title': 'Left messages',
    'left.help': 'Messages customers left outside business hours or when a queue was full, newest first.',
    'left.empty': 'No messages.',
    'left.col.at': 'When',
    'left.col.queue': 'Queue',
    'left.col.visitor': 'Customer',
    'left.col.contact': 'Contact',
    'left.col.text': 'Message',
    'transfer.title': 'Transfer the conversation',
    'transfer.subject': 'Conversation with {visitor}',
    'transfer.subjectWithAgent': 'Conversation with {visitor} (now with {agent})',
    'transfer.toAgent': 'To an agent',
    'transfer.toQueue': 'To a queue (at the front)',
    'transfer.noAgents': 'No other agents.',
    'transfer.noQueues': 'No queues.',
    'transfer.load': '{load}/{capacity} chats',
    'transfer.waiting': '{n} waiting',
    'transfer.unavailable': 'unavailable',
    'transfer.note': 'Note for the next agent (optional)',
    'transfer.noteHint': 'Shown to whoever takes over · {n}/{max} characters',
    'transfer.noteTooLong': 'The note can have at most {max} characters.',
    'transfer.pickTarget': 'Choose an agent or a queue.',
    'transfer.submit': 'Transfer',
    'transfer.sending': 'Transferring…',
    'transfer.loadError': 'Could not load the transfer targets: {message}',
    'cmd.err.agent_unavailable': 'That agent cannot take it now (they must be online, connected and below capacity). Choose someone else or a queue.',
    'cmd.err.forbidden': 'You are not allowed to do that.',
    'cmd.err.not_found': 'That conversation or agent no longer exists.',
    'cmd.err.conversation_closed': 'The conversation has ended.',
    'cmd.err.other': 'That did not work ({code}): {message}',
    'rq.title': 'Queues',
    'rq.help': 'Conversations wait in a queue and are assigned by its rules.',
    'rq.new': 'New queue',
    'rq.col.name': 'Name',
    'rq.col.slug': 'Slug',
    'rq.col.mode': 'First answer',
    'rq.col.strategy': 'Strategy',
    'rq.col.skills': 'Skills',
    'rq.col.overflow': 'Overflow',
    'rq.col.hours': 'Hours',
    'rq.botFirst': 'Bot first',
    'rq.humanFirst': 'Person first',
    'rq.alwaysOpen': 'Always open',
    'rq.hours': 'Business hours ({tz}, {n} periods)',
    'rq.overflowTo': 'to “{queue}” after {s} s',
    'rq.edit': 'Edit {name}',
    'rq.created': 'Queue “{name}” created.',
    'rq.updated': 'Queue “{name}” saved.',
    'strategy.least_busy': 'Least busy',
    'strategy.longest_idle': 'Longest idle',
    'strategy.round_robin': 'Round robin',
    'strategy.skill_level': 'Highest skill',
    'strategy.least_busy.hint': 'The agent with the lowest load ÷ capacity.',
    'strategy.longest_idle.hint': 'The agent whose last assignment was longest ago.',
    'strategy.round_robin.hint': 'Agents take turns in this queue.',
    'strategy.skill_level.hint': 'The agent with the highest sum of the queue’s skill levels, then the least busy.',
    'qf.newTitle': 'New queue',
    'qf.editTitle': 'Edit queue “{name}”',
    'qf.group.basic': 'Basics',
    'qf.name': 'Name',
    'qf.slug': 'Slug',
    'qf.slugHint': 'Lowercase letters, digits, - or _; sites choose the queue with data-queue. Cannot be changed later',
    'qf.slugFixed': 'Cannot be changed',
    'qf.botFirst': 'Bot first (the knowledge-base bot answers, hands over when needed)',
    'qf.skills': 'Required skills (comma-separated)',
    'qf.skillsHint': 'Agents with every skill, or members of the queue, serve it',
    'qf.group.assign': 'Assignment',
    'qf.strategy': 'Strategy',
    'qf.assignTimeout': 'Answer timeout (s)',
    'qf.assignTimeoutHint': 'No reply within this time: the chat goes back to the queue and the agent is set away. 0 = off',
    'qf.maxWaiting': 'Queue limit',
    'qf.maxWaitingHint': 'New conversations are refused at this many waiting. 0 = no limit',
    'qf.serviceLevel': 'Service level target (s)',
    'qf.serviceLevelHint': 'Conversations answered within this time count as in time',
    'qf.group.priority': 'Priority rules',
    'qf.priorityHelp': 'A customer whose verified identity has the tag waits with that priority (0–9, higher first; the highest match wins).',
    'qf.rules.empty': 'No rules: every customer has priority 0.',
    'qf.rule.tag': 'Rule {n}: tag',
    'qf.rule.tagPlaceholder': 'tag, e.g. vip',
    'qf.rule.priority': 'Rule {n}: priority',
    'qf.rule.add': 'Add rule',
    'qf.rule.remove': 'Remove rule {n}',
    'qf.group.sticky': 'Returning customers',
    'qf.stickyHelp': 'A customer who comes back soon is offered to their previous agent first.',
    'qf.stickyWindow': 'Return window (s)',
    'qf.stickyWait': 'Wait for that agent (s)',
    'qf.zeroOff': '0 = off',
    'qf.group.overflow': 'Overflow',
    'qf.overflowHelp': 'After waiting this long, the conversation moves to another queue (keeping its waiting time and priority).',
    'qf.overflowQueue': 'Overflow to',
    'qf.overflowNone': 'No overflow',
    'qf.overflowAfter': 'Overflow after (s)',
    'qf.group.notices': 'Wait notices',
    'qf.noticesHelp': 'What a waiting customer is told after waiting this long (each once).',
    'qf.notices.empty': 'No wait notices.',
    'qf.notice.after': 'Notice {n}: after seconds',
    'qf.notice.unit': 's:',
    'qf.notice.text': 'Notice {n}: text',
    'qf.notice.add': 'Add notice',
    'qf.notice.remove': 'Remove notice {n}',
    'qf.group.hours': 'Business hours',
    'qf.hours.always': 'Always open',
    'qf.hours.custom': 'Business hours',
    'qf.hours.tz': 'Time zone',
    'qf.hours.tzHint': 'IANA name, e.g. Asia/Shanghai',
    'qf.hours.weekly': 'Weekly hours',
    'qf.hours.empty': 'No periods: the queue is always closed.',
    'qf.hours.day': 'Period {n}: day',
    'qf.hours.open': 'Period {n}: opens',
    'qf.hours.close': 'Period {n}: closes',
    'qf.hours.add': 'Add period',
    'qf.hours.remove': 'Remove period {n}',
    'qf.holidays': 'Holidays (closed all day)',
    'qf.holidays.empty': 'No holidays.',
    'qf.holiday': 'Holiday {n}',
    'qf.holiday.add': 'Add holiday',
    'qf.holiday.remove': 'Remove holiday {n}',
    'day.1': 'Monday',
    'day.2': 'Tuesday',
    'day.3': 'Wednesday',
    'day.4': 'Thursday',
    'day.5': 'Friday',
    'day.6': 'Saturday',
    'day.7': 'Sunday',
    'qf.err.name': 'Enter a name.',
    'qf.err.nameLong': 'The name can have at most {max} characters.',
    'qf.err.slug': 'The slug may only contain lowercase letters, digits, - and _, starting with a letter or digit.',
    'qf.err.int': '“{field}” must be a whole number, 0 or more.',
    'qf.err.serviceLevel': 'The service level target must be at least 1 second.',
    'qf.err.rule': 'Rule {n}: enter a tag and a priority from 0 to 9.',
    'qf.err.ruleDup': 'The tag “{tag}” has more than one rule.',
    'qf.err.notice': 'Notice {n}: enter a whole number of seconds above 0 and a text.',
    'qf.err.noticeLong': 'Notice {n} can have at most {max} characters.',
    'qf.err.tz': 'Enter a time zone.',
    'qf.err.hours': 'Period {n}: enter an opening and a closing time, opening first.',
    'qf.err.holiday': 'Holiday {n} is not a valid date.',
    'qf.serverError': 'Not saved: {message}',
    'ra.title': 'Agents',
    'ra.help': 'Capacity, skills (levels 1–10) and queues decide which conversations an agent serves.',
    'ra.col.name': 'Name',
    'ra.col.role': 'Role',
    'ra.col.capacity': 'Capacity',
    'ra.col.skills': 'Skills',
    'ra.col.queues': 'Queues',
    'ra.skill': '{name} {level}',
    'ra.edit': 'Edit {name}',
    'ra.saved': '{name} saved.',
    'af.title': 'Edit agent “{name}”',
    'af.capacity': 'Capacity',
    'af.capacityHint': 'Conversations at the same time',
    'af.skills': 'Skills',
    'af.skills.empty': 'No skills.',
    'af.skill.name': 'Skill {n}: name',
    'af.skill.level': 'Skill {n}: level (1–10)',
    'af.skill.add': 'Add skill',
    'af.skill.remove': 'Remove skill {n}',
    'af.queues': 'Queues',
    'af.queuesHelp': 'Members serve a queue even without its skills.',
    'af.err.capacity': 'Capacity must be a whole number, 0 or more.',
    'af.err.skill': 'Skill {n}: enter a name and a level from 1 to 10.',
    'af.err.skillDup': 'The skill “{name}” is listed twice.',
    'rs.title': 'Wrap-up, disconnects and typing preview',
    'rs.wrapUp': 'Wrap-up time (s)',
    'rs.wrapUpHint': 'After-chat work after each conversation, with no new ones meanwhile. 0 = off',
    'rs.grace': 'Disconnect grace (s)',
    'rs.graceHint': 'How long a disconnected agent keeps their chats (a reload loses nothing); then they go back to the queue',
    'rs.typingPreview': 'Agents see what the customer is typing before it is sent (never stored)',
    'rs.save': 'Save settings',
    'rs.saved': 'Routing settings saved.',
    'rs.err': 'Enter whole numbers of seconds, 0 or more.',
    'am.title': 'Automatic messages',
    'am.help': 'Sent automatically on the agent’s behalf. Variables: {客服名} / {agent_name}, {客户名} / {customer_name}, {队列} / {queue}. Leave empty or 0 to turn one off.',
    'am.greeting': 'Greeting',
    'am.greetingHint': 'Sent when a chat is assigned to an agent (also after a transfer)',
    'am.closing': 'Closing',
    'am.closingHint': 'Sent when an agent ends the chat or it ends because the customer stopped replying',
    'am.reminderAfter': 'Reminder after customer silence (minutes)',
    'am.reminderAfterHint': 'How long after the agent’s last message a silent customer gets a reminder; 0 = off',
    'am.reminder': 'Reminder text',
    'am.closeAfter': 'Close after the reminder (minutes)',
    'am.closeAfterHint': 'If the customer still does not reply, the chat ends this long after the reminder; 0 = never',
    'am.suggest': 'Fill in suggested texts',
    'am.save': 'Save automatic messages',
    'am.saved': 'Automatic messages saved.',
    'am.err': 'Enter minutes between 0 and 1440 (decimals allowed).',
    'id.title': 'Verified visitor identity',
    'id.help': 'Your site signs a visitor’s identity on its server with this key: the payload is the base64url (no padding) of the JSON {"user_id","name","tags","phone","email","vip","attrs","exp"}, the signature the lowercase hex HMAC-SHA256 of the payload; pass “payload.signature” in the widget’s data-identity.',
    'id.secret': 'Signing key',
    'id.masked': '••••••••••••••••',
    'id.reveal': 'Show key',
    'id.hide': 'Hide key',
    'id.warn': 'Keep the key on your site’s server only, never in page code.',
  },
};

export type RoutingKey = OwnKey | KbKey;
export type RoutingT = Translate<RoutingKey>;

const all: MessageTables<RoutingKey> = {
  'zh-CN': { ...kbMessages['zh-CN'], ...own['zh-CN'] },
  'zh-TW': { ...kbMessages['zh-TW'], ...own['zh-TW'] },
  en: { ...kbMessages.en, ...own.en },
};

export function routingTranslator(lang: Lang): RoutingT {
  return translator(all, lang);
}

export function useRoutingT(lang: Lang): RoutingT {
  return useMemo(() => routingTranslator(lang), [lang]);
}

const COMMAND_ERRORS = new Set(['agent_unavailable', 'forbidden', 'not_found', 'conversation_closed']);

/** What to show for a refused command (transfer, another agent's status). */
export function commandErrorText(e: CommandError, t: RoutingT): string {
  if (COMMAND_ERRORS.has(e.code)) return t(`cmd.err.${e.code}` as RoutingKey);
  return t('cmd.err.other', { code: e.code, message: e.message });
}
