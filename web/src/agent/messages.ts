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
  | 'classify.closeTitle'
  | 'classify.classifyTitle'
  | 'classify.subject'
  | 'classify.requiredNote'
  | 'classify.optionalNote'
  | 'classify.search'
  | 'classify.searchPlaceholder'
  | 'classify.list'
  | 'classify.keys'
  | 'classify.chosen'
  | 'classify.none'
  | 'classify.noMatch'
  | 'classify.emptyTree'
  | 'classify.loading'
  | 'classify.summary'
  | 'classify.summaryHint'
  | 'classify.submitClose'
  | 'classify.submitSave'
  | 'classify.closing'
  | 'classify.saving'
  | 'classify.cancel'
  | 'classify.err.required'
  | 'classify.err.invalid'
  | 'classify.err.tooLong'
  | 'classify.err.generic'
  | 'classify.closeFailed'
  | 'classify.closed.required'
  | 'classify.closed.add'
  | 'classify.closed.done'
  | 'classify.closed.recorded'
  | 'classify.closed.edit'
  | 'repeat.label'
  | 'repeat.banner'
  | 'repeat.bannerNoSummary'
  | 'repeat.unclassified'
  | 'repeat.minutes'
  | 'repeat.hours'
  | 'repeat.days'
  | 'repeat.show'
  | 'repeat.hide'
  | 'repeat.loading'
  | 'repeat.loadFailed'
  | 'repeat.transcript'
  | 'repeat.closedAt'
  | 'classifyAdmin.title'
  | 'classifyAdmin.help'
  | 'classifyAdmin.settings'
  | 'classifyAdmin.required'
  | 'classifyAdmin.window'
  | 'classifyAdmin.windowHint'
  | 'classifyAdmin.saveSettings'
  | 'classifyAdmin.tree'
  | 'classifyAdmin.addRoot'
  | 'classifyAdmin.addChild'
  | 'classifyAdmin.name'
  | 'classifyAdmin.enabled'
  | 'classifyAdmin.up'
  | 'classifyAdmin.down'
  | 'classifyAdmin.remove'
  | 'classifyAdmin.newName'
  | 'classifyAdmin.saveTree'
  | 'classifyAdmin.saved'
  | 'classifyAdmin.count'
  | 'classifyAdmin.empty'
  | 'classifyAdmin.readOnly'
  | 'classifyAdmin.level'
  | 'classifyAdmin.unsaved'
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
  | 'canned.tabs'
  | 'canned.all'
  | 'canned.mine'
  | 'canned.uncategorised'
  | 'canned.scope.team'
  | 'canned.scope.personal'
  | 'canned.scope.teamHint'
  | 'canned.scope.personalHint'
  | 'canned.popupHint'
  | 'canned.noMatch'
  | 'canned.unknownVars'
  | 'canned.manage'
  | 'canned.saveAction'
  | 'canned.save.title'
  | 'canned.save.customer'
  | 'canned.field.code'
  | 'canned.field.codeHint'
  | 'canned.field.title'
  | 'canned.field.titleHint'
  | 'canned.field.text'
  | 'canned.field.category'
  | 'canned.field.scope'
  | 'canned.variables'
  | 'canned.var.customer_name'
  | 'canned.var.agent_name'
  | 'canned.var.company'
  | 'canned.var.queue'
  | 'canned.var.date'
  | 'canned.var.time'
  | 'canned.save'
  | 'canned.saving'
  | 'canned.cancel'
  | 'canned.saved'
  | 'canned.err.conflict'
  | 'canned.err.forbidden'
  | 'canned.err.network'
  | 'canned.err.generic'
  | 'canned.admin.title'
  | 'canned.admin.tabs'
  | 'canned.admin.replies'
  | 'canned.admin.categories'
  | 'canned.admin.importExport'
  | 'canned.admin.help'
  | 'canned.admin.new'
  | 'canned.admin.edit'
  | 'canned.admin.filter'
  | 'canned.admin.empty'
  | 'canned.admin.count'
  | 'canned.admin.actions'
  | 'canned.admin.editAction'
  | 'canned.admin.delete'
  | 'canned.admin.confirmDelete'
  | 'canned.admin.deleted'
  | 'canned.admin.categoryName'
  | 'canned.admin.addCategory'
  | 'canned.admin.rename'
  | 'canned.admin.categoryReplies'
  | 'canned.admin.confirmDeleteCategory'
  | 'canned.admin.importTitle'
  | 'canned.admin.importHelp'
  | 'canned.admin.file'
  | 'canned.admin.format'
  | 'canned.admin.importStart'
  | 'canned.admin.importing'
  | 'canned.admin.report'
  | 'canned.admin.reportSummary'
  | 'canned.admin.reportCategories'
  | 'canned.admin.errors'
  | 'canned.admin.line'
  | 'canned.admin.reason'
  | 'canned.admin.exportTitle'
  | 'canned.admin.exportHelp'
  | 'canned.admin.exportCsv'
  | 'canned.admin.exportJsonl'
  | 'canned.admin.close'
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
  | 'sys.notice'
  | 'sys.auto'
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
  | 'bot.answerWaiting'
  | 'typing.label'
  | 'typing.badge'
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
    'classify.closeTitle': '结束对话',
    'classify.classifyTitle': '咨询分类',
    'classify.subject': '与 {visitor} 的对话',
    'classify.requiredNote': '本企业要求结束对话前选择咨询分类。',
    'classify.optionalNote': '可选择咨询分类并填写小结（选填）。',
    'classify.search': '搜索分类',
    'classify.searchPlaceholder': '输入关键字筛选，如“密码”',
    'classify.list': '咨询分类',
    'classify.keys': '↑↓ 选择，Enter 确定',
    'classify.chosen': '已选：{path}',
    'classify.none': '尚未选择分类',
    'classify.noMatch': '没有匹配的分类',
    'classify.emptyTree': '本企业尚未设置咨询分类。',
    'classify.loading': '正在加载分类…',
    'classify.summary': '小结（选填）',
    'classify.summaryHint': '{n}/{max} 字',
    'classify.submitClose': '结束',
    'classify.submitSave': '保存',
    'classify.closing': '正在结束…',
    'classify.saving': '正在保存…',
    'classify.cancel': '取消',
    'classify.err.required': '服务器拒绝结束：本企业要求先选择咨询分类。',
    'classify.err.invalid': '该分类已停用或不存在，请重新选择。',
    'classify.err.tooLong': '小结不能超过 {max} 字。',
    'classify.err.generic': '操作失败：{message}',
    'classify.closeFailed': '无法结束对话：{message}',
    'classify.closed.required': '本企业要求为每次咨询分类，请补充。',
    'classify.closed.add': '添加咨询分类',
    'classify.closed.done': '已分类：{path}',
    'classify.closed.recorded': '已记录咨询分类',
    'classify.closed.edit': '修改',
    'repeat.label': '重复咨询',
    'repeat.banner': '该客户 {time} 前咨询过：{classification} — {summary}',
    'repeat.bannerNoSummary': '该客户 {time} 前咨询过：{classification}',
    'repeat.unclassified': '未分类',
    'repeat.minutes': '{n} 分钟',
    'repeat.hours': '{n} 小时',
    'repeat.days': '{n} 天',
    'repeat.show': '查看上次对话',
    'repeat.hide': '收起上次对话',
    'repeat.loading': '正在加载上次对话…',
    'repeat.loadFailed': '无法加载上次对话：{message}',
    'repeat.transcript': '上次对话记录',
    'repeat.closedAt': '结束于 {time}',
    'classifyAdmin.title': '咨询分类',
    'classifyAdmin.help': '坐席结束对话时从这里选择分类（选择最末一级）。已被历史对话使用的分类删除后会停用，而不会消失。最多 4 层、500 个分类。',
    'classifyAdmin.settings': '设置',
    'classifyAdmin.required': '结束对话时必须选择咨询分类',
    'classifyAdmin.window': '重复咨询提醒窗口（小时）',
    'classifyAdmin.windowHint': '客户在此时间内再次咨询时，坐席会看到提醒（1–720）。',
    'classifyAdmin.saveSettings': '保存设置',
    'classifyAdmin.tree': '分类树',
    'classifyAdmin.addRoot': '添加一级分类',
    'classifyAdmin.addChild': '添加子分类',
    'classifyAdmin.name': '分类名称',
    'classifyAdmin.enabled': '启用',
    'classifyAdmin.up': '上移',
    'classifyAdmin.down': '下移',
    'classifyAdmin.remove': '删除',
    'classifyAdmin.newName': '新分类',
    'classifyAdmin.saveTree': '保存分类树',
    'classifyAdmin.saved': '已保存。',
    'classifyAdmin.count': '共 {n} 个分类',
    'classifyAdmin.empty': '还没有分类，请先添加一级分类。',
    'classifyAdmin.readOnly': '只有主管和管理员可以修改。',
    'classifyAdmin.level': '第 {n} 级',
    'classifyAdmin.unsaved': '有未保存的修改',
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
    'canned.tabs': '快捷回复分类',
    'canned.all': '全部',
    'canned.mine': '我的',
    'canned.uncategorised': '未分类',
    'canned.scope.team': '团队',
    'canned.scope.personal': '个人',
    'canned.scope.teamHint': '全体客服可用',
    'canned.scope.personalHint': '仅自己可见',
    'canned.popupHint': '↑↓ 选择 · Enter/Tab 插入 · Esc 关闭',
    'canned.noMatch': '没有以 /{code} 开头的快捷回复',
    'canned.unknownVars': '未知变量 {vars} 将原样发送',
    'canned.manage': '管理',
    'canned.saveAction': '存为快捷回复',
    'canned.save.title': '存为快捷回复',
    'canned.save.customer': '把客户名「{name}」换成变量 {客户名}',
    'canned.field.code': '快捷码',
    'canned.field.codeHint': '在回复框输入 /快捷码 调用，如 /thx（字母、数字、- 或 _）',
    'canned.field.title': '标题',
    'canned.field.titleHint': '留空则取内容开头',
    'canned.field.text': '内容',
    'canned.field.category': '分类',
    'canned.field.scope': '范围',
    'canned.variables': '可用变量（点击插入）',
    'canned.var.customer_name': '客户的名字',
    'canned.var.agent_name': '您的名字',
    'canned.var.company': '企业名称',
    'canned.var.queue': '对话所在队列',
    'canned.var.date': '今天的日期',
    'canned.var.time': '当前时间',
    'canned.save': '保存',
    'canned.saving': '保存中…',
    'canned.cancel': '取消',
    'canned.saved': '已保存快捷回复 /{code}',
    'canned.err.conflict': '该范围内已有快捷码 /{code}',
    'canned.err.forbidden': '您没有权限执行此操作。',
    'canned.err.network': '无法连接服务器，请稍后重试。',
    'canned.err.generic': '操作失败：{message}',
    'canned.admin.title': '快捷回复',
    'canned.admin.tabs': '快捷回复管理',
    'canned.admin.replies': '团队快捷回复',
    'canned.admin.categories': '分类',
    'canned.admin.importExport': '导入导出',
    'canned.admin.help': '团队快捷回复对全体客服可见；客服的个人快捷回复只有本人可见，不在此列出。',
    'canned.admin.new': '新建快捷回复',
    'canned.admin.edit': '编辑快捷回复',
    'canned.admin.filter': '按分类筛选',
    'canned.admin.empty': '没有符合条件的团队快捷回复。',
    'canned.admin.count': '共 {count} 条',
    'canned.admin.actions': '操作',
    'canned.admin.editAction': '编辑',
    'canned.admin.delete': '删除',
    'canned.admin.confirmDelete': '确定删除快捷回复 /{code}？',
    'canned.admin.deleted': '已删除 /{code}',
    'canned.admin.categoryName': '分类名称',
    'canned.admin.addCategory': '添加分类',
    'canned.admin.rename': '重命名',
    'canned.admin.categoryReplies': '{count} 条团队回复',
    'canned.admin.confirmDeleteCategory': '删除分类「{name}」？其中的快捷回复（含客服的个人回复）将变为未分类。',
    'canned.admin.importTitle': '导入团队快捷回复',
    'canned.admin.importHelp': 'CSV（首行为列名）或 JSON Lines 文件，字段为 code、title、text、category。已有的快捷码会被更新，不存在的分类会自动创建；有问题的行会列出行号和原因，其余行照常导入。',
    'canned.admin.file': '文件',
    'canned.admin.format': '格式',
    'canned.admin.importStart': '开始导入',
    'canned.admin.importing': '导入中…',
    'canned.admin.report': '导入结果',
    'canned.admin.reportSummary': '共 {rows} 行：新增 {created}，更新 {updated}，失败 {rejected}',
    'canned.admin.reportCategories': '新建分类：{names}',
    'canned.admin.errors': '未导入的行',
    'canned.admin.line': '行号',
    'canned.admin.reason': '原因',
    'canned.admin.exportTitle': '导出团队快捷回复',
    'canned.admin.exportHelp': '导出的文件可以直接再导入。',
    'canned.admin.exportCsv': '导出 CSV',
    'canned.admin.exportJsonl': '导出 JSON Lines',
    'canned.admin.close': '关闭',
    'sys.queued': '访客进入「{queue}」队列',
    'sys.assigned': '对话已分配给 {agent}',
    'sys.closed.visitor': '访客已结束对话',
    'sys.closed.agent': '客服已结束对话',
    'sys.closed.idle': '对话因长时间无消息已自动结束',
    'sys.transferred.agent': '已转接给 {agent}',
    'sys.transferred.queue': '转入队列「{queue}」',
    'sys.transferred.overflow': '排队超时，转入「{queue}」',
    'sys.transferred.bot': '智能助手按「{category}」类问题转入「{queue}」',
    'sys.requeued.no_answer': '{agent} 未及时应答，对话已重新排队',
    'sys.requeued.agent_offline': '{agent} 下线，对话已重新排队',
    'sys.requeued.agent_disconnected': '{agent} 断线，对话已重新排队',
    'sys.notice': '已向客户发送排队提示：{text}',
    'sys.auto': '自动消息：{text}',
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
    'bot.answerWaiting': '排队时的自助解答：{question}（匹配度 {confidence}%）',
    'typing.label': '客户正在输入的内容（尚未发送）',
    'typing.badge': '正在输入 · 未发送',
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
    'classify.closeTitle': '結束對話',
    'classify.classifyTitle': '諮詢分類',
    'classify.subject': '與 {visitor} 的對話',
    'classify.requiredNote': '本企業要求結束對話前選擇諮詢分類。',
    'classify.optionalNote': '可選擇諮詢分類並填寫小結（選填）。',
    'classify.search': '搜尋分類',
    'classify.searchPlaceholder': '輸入關鍵字篩選，如「密碼」',
    'classify.list': '諮詢分類',
    'classify.keys': '↑↓ 選擇，Enter 確定',
    'classify.chosen': '已選：{path}',
    'classify.none': '尚未選擇分類',
    'classify.noMatch': '沒有相符的分類',
    'classify.emptyTree': '本企業尚未設定諮詢分類。',
    'classify.loading': '正在載入分類…',
    'classify.summary': '小結（選填）',
    'classify.summaryHint': '{n}/{max} 字',
    'classify.submitClose': '結束',
    'classify.submitSave': '儲存',
    'classify.closing': '正在結束…',
    'classify.saving': '正在儲存…',
    'classify.cancel': '取消',
    'classify.err.required': '伺服器拒絕結束：本企業要求先選擇諮詢分類。',
    'classify.err.invalid': '該分類已停用或不存在，請重新選擇。',
    'classify.err.tooLong': '小結不能超過 {max} 字。',
    'classify.err.generic': '操作失敗：{message}',
    'classify.closeFailed': '無法結束對話：{message}',
    'classify.closed.required': '本企業要求為每次諮詢分類，請補充。',
    'classify.closed.add': '新增諮詢分類',
    'classify.closed.done': '已分類：{path}',
    'classify.closed.recorded': '已記錄諮詢分類',
    'classify.closed.edit': '修改',
    'repeat.label': '重複諮詢',
    'repeat.banner': '該客戶 {time} 前諮詢過：{classification} — {summary}',
    'repeat.bannerNoSummary': '該客戶 {time} 前諮詢過：{classification}',
    'repeat.unclassified': '未分類',
    'repeat.minutes': '{n} 分鐘',
    'repeat.hours': '{n} 小時',
    'repeat.days': '{n} 天',
    'repeat.show': '查看上次對話',
    'repeat.hide': '收起上次對話',
    'repeat.loading': '正在載入上次對話…',
    'repeat.loadFailed': '無法載入上次對話：{message}',
    'repeat.transcript': '上次對話紀錄',
    'repeat.closedAt': '結束於 {time}',
    'classifyAdmin.title': '諮詢分類',
    'classifyAdmin.help': '坐席結束對話時從這裡選擇分類（選擇最末一層）。已被歷史對話使用的分類刪除後會停用，而不會消失。最多 4 層、500 個分類。',
    'classifyAdmin.settings': '設定',
    'classifyAdmin.required': '結束對話時必須選擇諮詢分類',
    'classifyAdmin.window': '重複諮詢提醒視窗（小時）',
    'classifyAdmin.windowHint': '客戶在此時間內再次諮詢時，坐席會看到提醒（1–720）。',
    'classifyAdmin.saveSettings': '儲存設定',
    'classifyAdmin.tree': '分類樹',
    'classifyAdmin.addRoot': '新增一級分類',
    'classifyAdmin.addChild': '新增子分類',
    'classifyAdmin.name': '分類名稱',
    'classifyAdmin.enabled': '啟用',
    'classifyAdmin.up': '上移',
    'classifyAdmin.down': '下移',
    'classifyAdmin.remove': '刪除',
    'classifyAdmin.newName': '新分類',
    'classifyAdmin.saveTree': '儲存分類樹',
    'classifyAdmin.saved': '已儲存。',
    'classifyAdmin.count': '共 {n} 個分類',
    'classifyAdmin.empty': '還沒有分類，請先新增一級分類。',
    'classifyAdmin.readOnly': '只有主管和管理員可以修改。',
    'classifyAdmin.level': '第 {n} 層',
    'classifyAdmin.unsaved': '有未儲存的修改',
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
    'canned.tabs': '快捷回覆分類',
    'canned.all': '全部',
    'canned.mine': '我的',
    'canned.uncategorised': '未分類',
    'canned.scope.team': '團隊',
    'canned.scope.personal': '個人',
    'canned.scope.teamHint': '全體客服可用',
    'canned.scope.personalHint': '僅自己可見',
    'canned.popupHint': '↑↓ 選擇 · Enter/Tab 插入 · Esc 關閉',
    'canned.noMatch': '沒有以 /{code} 開頭的快捷回覆',
    'canned.unknownVars': '未知變數 {vars} 將原樣送出',
    'canned.manage': '管理',
    'canned.saveAction': '存為快捷回覆',
    'canned.save.title': '存為快捷回覆',
    'canned.save.customer': '把客戶名「{name}」換成變數 {客戶名}',
    'canned.field.code': '快捷碼',
    'canned.field.codeHint': '在回覆框輸入 /快捷碼 呼叫，如 /thx（字母、數字、- 或 _）',
    'canned.field.title': '標題',
    'canned.field.titleHint': '留空則取內容開頭',
    'canned.field.text': '內容',
    'canned.field.category': '分類',
    'canned.field.scope': '範圍',
    'canned.variables': '可用變數（點擊插入）',
    'canned.var.customer_name': '客戶的名字',
    'canned.var.agent_name': '您的名字',
    'canned.var.company': '企業名稱',
    'canned.var.queue': '對話所在佇列',
    'canned.var.date': '今天的日期',
    'canned.var.time': '目前時間',
    'canned.save': '儲存',
    'canned.saving': '儲存中…',
    'canned.cancel': '取消',
    'canned.saved': '已儲存快捷回覆 /{code}',
    'canned.err.conflict': '該範圍內已有快捷碼 /{code}',
    'canned.err.forbidden': '您沒有權限執行此操作。',
    'canned.err.network': '無法連線伺服器，請稍後重試。',
    'canned.err.generic': '操作失敗：{message}',
    'canned.admin.title': '快捷回覆',
    'canned.admin.tabs': '快捷回覆管理',
    'canned.admin.replies': '團隊快捷回覆',
    'canned.admin.categories': '分類',
    'canned.admin.importExport': '匯入匯出',
    'canned.admin.help': '團隊快捷回覆對全體客服可見；客服的個人快捷回覆只有本人可見，不在此列出。',
    'canned.admin.new': '新增快捷回覆',
    'canned.admin.edit': '編輯快捷回覆',
    'canned.admin.filter': '依分類篩選',
    'canned.admin.empty': '沒有符合條件的團隊快捷回覆。',
    'canned.admin.count': '共 {count} 則',
    'canned.admin.actions': '操作',
    'canned.admin.editAction': '編輯',
    'canned.admin.delete': '刪除',
    'canned.admin.confirmDelete': '確定刪除快捷回覆 /{code}？',
    'canned.admin.deleted': '已刪除 /{code}',
    'canned.admin.categoryName': '分類名稱',
    'canned.admin.addCategory': '新增分類',
    'canned.admin.rename': '重新命名',
    'canned.admin.categoryReplies': '{count} 則團隊回覆',
    'canned.admin.confirmDeleteCategory': '刪除分類「{name}」？其中的快捷回覆（含客服的個人回覆）將變為未分類。',
    'canned.admin.importTitle': '匯入團隊快捷回覆',
    'canned.admin.importHelp': 'CSV（首行為欄名）或 JSON Lines 檔案，欄位為 code、title、text、category。已有的快捷碼會被更新，不存在的分類會自動建立；有問題的行會列出行號和原因，其餘行照常匯入。',
    'canned.admin.file': '檔案',
    'canned.admin.format': '格式',
    'canned.admin.importStart': '開始匯入',
    'canned.admin.importing': '匯入中…',
    'canned.admin.report': '匯入結果',
    'canned.admin.reportSummary': '共 {rows} 行：新增 {created}，更新 {updated}，失敗 {rejected}',
    'canned.admin.reportCategories': '新建分類：{names}',
    'canned.admin.errors': '未匯入的行',
    'canned.admin.line': '行號',
    'canned.admin.reason': '原因',
    'canned.admin.exportTitle': '匯出團隊快捷回覆',
    'canned.admin.exportHelp': '匯出的檔案可以直接再匯入。',
    'canned.admin.exportCsv': '匯出 CSV',
    'canned.admin.exportJsonl': '匯出 JSON Lines',
    'canned.admin.close': '關閉',
    'sys.queued': '訪客進入「{queue}」佇列',
    'sys.assigned': '對話已分配給 {agent}',
    'sys.closed.visitor': '訪客已結束對話',
    'sys.closed.agent': '客服已結束對話',
    'sys.closed.idle': '對話因長時間無訊息已自動結束',
    'sys.transferred.agent': '已轉接給 {agent}',
    'sys.transferred.queue': '轉入佇列「{queue}」',
    'sys.transferred.overflow': '排隊逾時，轉入「{queue}」',
    'sys.transferred.bot': '智慧助理依「{category}」類問題轉入「{queue}」',
    'sys.requeued.no_answer': '{agent} 未及時回應，對話已重新排隊',
    'sys.requeued.agent_offline': '{agent} 離線，對話已重新排隊',
    'sys.requeued.agent_disconnected': '{agent} 斷線，對話已重新排隊',
    'sys.notice': '已向客戶傳送排隊提示：{text}',
    'sys.auto': '自動訊息：{text}',
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
    'bot.answerWaiting': '排隊時的自助解答：{question}（相符度 {confidence}%）',
    'typing.label': '客戶正在輸入的內容（尚未送出）',
    'typing.badge': '正在輸入 · 未送出',
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
    'classify.closeTitle': 'End chat',
    'classify.classifyTitle': 'Inquiry classification',
    'classify.subject': 'Conversation with {visitor}',
    'classify.requiredNote': 'Your team requires an inquiry classification before a chat ends.',
    'classify.optionalNote': 'You may choose an inquiry classification and add a summary (optional).',
    'classify.search': 'Search classifications',
    'classify.searchPlaceholder': 'Type to filter, e.g. “password”',
    'classify.list': 'Inquiry classification',
    'classify.keys': '↑↓ to move, Enter to choose',
    'classify.chosen': 'Chosen: {path}',
    'classify.none': 'No classification chosen',
    'classify.noMatch': 'No classification matches',
    'classify.emptyTree': 'Your team has no inquiry classifications yet.',
    'classify.loading': 'Loading classifications…',
    'classify.summary': 'Summary (optional)',
    'classify.summaryHint': '{n}/{max} characters',
    'classify.submitClose': 'End',
    'classify.submitSave': 'Save',
    'classify.closing': 'Ending…',
    'classify.saving': 'Saving…',
    'classify.cancel': 'Cancel',
    'classify.err.required': 'The server refused to end the chat: choose an inquiry classification first.',
    'classify.err.invalid': 'That classification is disabled or gone; please choose again.',
    'classify.err.tooLong': 'The summary may have at most {max} characters.',
    'classify.err.generic': 'That did not work: {message}',
    'classify.closeFailed': 'Could not end the chat: {message}',
    'classify.closed.required': 'Your team requires a classification for every chat; please add one.',
    'classify.closed.add': 'Add a classification',
    'classify.closed.done': 'Classified: {path}',
    'classify.closed.recorded': 'Classification recorded',
    'classify.closed.edit': 'Change',
    'repeat.label': 'Repeat contact',
    'repeat.banner': 'This customer contacted us {time} ago: {classification} — {summary}',
    'repeat.bannerNoSummary': 'This customer contacted us {time} ago: {classification}',
    'repeat.unclassified': 'unclassified',
    'repeat.minutes': '{n} min',
    'repeat.hours': '{n} h',
    'repeat.days': '{n} d',
    'repeat.show': 'Show the previous chat',
    'repeat.hide': 'Hide the previous chat',
    'repeat.loading': 'Loading the previous chat…',
    'repeat.loadFailed': 'Could not load the previous chat: {message}',
    'repeat.transcript': 'Previous chat',
    'repeat.closedAt': 'Ended {time}',
    'classifyAdmin.title': 'Inquiry classification',
    'classifyAdmin.help': 'Agents choose from this tree when ending a chat (the most specific level). Deleting a classification past chats used disables it instead. At most 4 levels and 500 classifications.',
    'classifyAdmin.settings': 'Settings',
    'classifyAdmin.required': 'Require a classification when an agent ends a chat',
    'classifyAdmin.window': 'Repeat-contact window (hours)',
    'classifyAdmin.windowHint': 'Agents are alerted when a customer comes back within this time (1–720).',
    'classifyAdmin.saveSettings': 'Save settings',
    'classifyAdmin.tree': 'Classification tree',
    'classifyAdmin.addRoot': 'Add a top-level classification',
    'classifyAdmin.addChild': 'Add a sub-classification',
    'classifyAdmin.name': 'Name',
    'classifyAdmin.enabled': 'Enabled',
    'classifyAdmin.up': 'Move up',
    'classifyAdmin.down': 'Move down',
    'classifyAdmin.remove': 'Delete',
    'classifyAdmin.newName': 'New classification',
    'classifyAdmin.saveTree': 'Save the tree',
    'classifyAdmin.saved': 'Saved.',
    'classifyAdmin.count': '{n} classifications',
    'classifyAdmin.empty': 'No classifications yet: add a top-level one first.',
    'classifyAdmin.readOnly': 'Only supervisors and administrators may change this.',
    'classifyAdmin.level': 'Level {n}',
    'classifyAdmin.unsaved': 'Unsaved changes',
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
    'canned.tabs': 'Canned reply categories',
    'canned.all': 'All',
    'canned.mine': 'Mine',
    'canned.uncategorised': 'Uncategorised',
    'canned.scope.team': 'Team',
    'canned.scope.personal': 'Personal',
    'canned.scope.teamHint': 'Every agent can use it',
    'canned.scope.personalHint': 'Only you see it',
    'canned.popupHint': '↑↓ choose · Enter/Tab insert · Esc close',
    'canned.noMatch': 'No canned reply matches /{code}',
    'canned.unknownVars': 'Unknown variables {vars} will be sent as written',
    'canned.manage': 'Manage',
    'canned.saveAction': 'Save as canned reply',
    'canned.save.title': 'Save as canned reply',
    'canned.save.customer': 'Replace the customer name “{name}” with the variable {customer_name}',
    'canned.field.code': 'Shortcut code',
    'canned.field.codeHint': 'Type /code in the reply box, e.g. /thx (letters, digits, - or _)',
    'canned.field.title': 'Title',
    'canned.field.titleHint': 'Leave empty to use the start of the text',
    'canned.field.text': 'Text',
    'canned.field.category': 'Category',
    'canned.field.scope': 'Scope',
    'canned.variables': 'Variables (click to insert)',
    'canned.var.customer_name': 'the customer’s name',
    'canned.var.agent_name': 'your name',
    'canned.var.company': 'the company name',
    'canned.var.queue': 'the conversation’s queue',
    'canned.var.date': 'today’s date',
    'canned.var.time': 'the current time',
    'canned.save': 'Save',
    'canned.saving': 'Saving…',
    'canned.cancel': 'Cancel',
    'canned.saved': 'Saved canned reply /{code}',
    'canned.err.conflict': '/{code} is already used in this scope',
    'canned.err.forbidden': 'You are not allowed to do this.',
    'canned.err.network': 'Cannot reach the server; try again.',
    'canned.err.generic': 'Failed: {message}',
    'canned.admin.title': 'Canned replies',
    'canned.admin.tabs': 'Canned reply administration',
    'canned.admin.replies': 'Team replies',
    'canned.admin.categories': 'Categories',
    'canned.admin.importExport': 'Import and export',
    'canned.admin.help': 'Team replies are shared by every agent; agents’ personal replies are private and not listed here.',
    'canned.admin.new': 'New canned reply',
    'canned.admin.edit': 'Edit canned reply',
    'canned.admin.filter': 'Filter by category',
    'canned.admin.empty': 'No team canned replies match.',
    'canned.admin.count': '{count} replies',
    'canned.admin.actions': 'Actions',
    'canned.admin.editAction': 'Edit',
    'canned.admin.delete': 'Delete',
    'canned.admin.confirmDelete': 'Delete the canned reply /{code}?',
    'canned.admin.deleted': 'Deleted /{code}',
    'canned.admin.categoryName': 'Category name',
    'canned.admin.addCategory': 'Add category',
    'canned.admin.rename': 'Rename',
    'canned.admin.categoryReplies': '{count} team replies',
    'canned.admin.confirmDeleteCategory': 'Delete the category “{name}”? Its replies (agents’ personal ones too) become uncategorised.',
    'canned.admin.importTitle': 'Import team replies',
    'canned.admin.importHelp': 'A CSV file (with a header row) or JSON Lines with the fields code, title, text, category. Existing codes are updated, missing categories created; bad rows are listed with their line and reason, the other rows are imported.',
    'canned.admin.file': 'File',
    'canned.admin.format': 'Format',
    'canned.admin.importStart': 'Import',
    'canned.admin.importing': 'Importing…',
    'canned.admin.report': 'Import report',
    'canned.admin.reportSummary': '{rows} rows: {created} added, {updated} updated, {rejected} rejected',
    'canned.admin.reportCategories': 'New categories: {names}',
    'canned.admin.errors': 'Rows not imported',
    'canned.admin.line': 'Line',
    'canned.admin.reason': 'Reason',
    'canned.admin.exportTitle': 'Export team replies',
    'canned.admin.exportHelp': 'Exported files can be imported again as they are.',
    'canned.admin.exportCsv': 'Export CSV',
    'canned.admin.exportJsonl': 'Export JSON Lines',
    'canned.admin.close': 'Close',
    'sys.queued': 'Visitor entered the “{queue}” queue',
    'sys.assigned': 'Assigned to {agent}',
    'sys.closed.visitor': 'The visitor ended the conversation',
    'sys.closed.agent': 'The agent ended the conversation',
    'sys.closed.idle': 'Closed automatically after inactivity',
    'sys.transferred.agent': 'Transferred to {agent}',
    'sys.transferred.queue': 'Moved to the “{queue}” queue',
    'sys.transferred.overflow': 'Waited too long: moved to “{queue}”',
    'sys.transferred.bot': 'The bot sent this “{category}” question to “{queue}”',
    'sys.requeued.no_answer': '{agent} did not answer in time; back in the queue',
    'sys.requeued.agent_offline': '{agent} went offline; back in the queue',
    'sys.requeued.agent_disconnected': '{agent} lost connection; back in the queue',
    'sys.notice': 'Wait notice sent to the customer: {text}',
    'sys.auto': 'Automatic message: {text}',
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
    'bot.answerWaiting': 'Self-service while waiting: {question} ({confidence}% match)',
    'typing.label': 'What the customer is typing (not sent yet)',
    'typing.badge': 'Typing · not sent',
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
