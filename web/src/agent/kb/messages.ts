// Strings of the knowledge-base and bot administration pages.

import { translator, type Lang, type MessageTables, type Translate } from '../../shared/i18n';
import { ApiError } from '../api';

export type KbKey =
  | 'nav.label'
  | 'nav.workspace'
  | 'nav.kb'
  | 'nav.bot'
  | 'nav.board'
  | 'nav.routing'
  | 'nav.classify'
  | 'nav.canned'
  | 'kb.tabs'
  | 'kb.tab.entries'
  | 'kb.tab.categories'
  | 'kb.tab.import'
  | 'kb.tab.gaps'
  | 'common.actions'
  | 'common.cancel'
  | 'common.close'
  | 'common.delete'
  | 'common.dismiss'
  | 'common.edit'
  | 'common.loading'
  | 'common.refresh'
  | 'common.save'
  | 'common.saving'
  | 'err.network'
  | 'err.session'
  | 'err.forbidden'
  | 'err.tooLarge'
  | 'err.rateLimited'
  | 'err.generic'
  | 'entries.title'
  | 'entries.new'
  | 'entries.search'
  | 'entries.searchPlaceholder'
  | 'entries.categoryFilter'
  | 'entries.allCategories'
  | 'entries.caption'
  | 'entries.col.question'
  | 'entries.col.category'
  | 'entries.col.similar'
  | 'entries.col.enabled'
  | 'entries.col.validity'
  | 'entries.col.helpful'
  | 'entries.col.notHelpful'
  | 'entries.col.confidence'
  | 'entries.enabled'
  | 'entries.disabled'
  | 'entries.empty'
  | 'entries.noMatch'
  | 'entries.editLabel'
  | 'entries.deleteLabel'
  | 'entries.deleteTitle'
  | 'entries.deleteConfirm'
  | 'entries.created'
  | 'entries.updated'
  | 'entries.deleted'
  | 'validity.always'
  | 'validity.pending'
  | 'validity.expired'
  | 'pager.label'
  | 'pager.range'
  | 'pager.prev'
  | 'pager.next'
  | 'entry.newTitle'
  | 'entry.editTitle'
  | 'entry.question'
  | 'entry.similar'
  | 'entry.similarHint'
  | 'entry.answer'
  | 'entry.category'
  | 'entry.noCategory'
  | 'entry.newCategoryOption'
  | 'entry.newCategory'
  | 'entry.tags'
  | 'entry.tagsHint'
  | 'entry.enabled'
  | 'entry.validFrom'
  | 'entry.validTo'
  | 'entry.validToHint'
  | 'categories.title'
  | 'categories.name'
  | 'categories.add'
  | 'categories.col.name'
  | 'categories.col.entries'
  | 'categories.deleteLabel'
  | 'categories.empty'
  | 'import.title'
  | 'import.help'
  | 'import.file'
  | 'import.format'
  | 'import.start'
  | 'import.uploading'
  | 'import.state.parsing'
  | 'import.state.saving'
  | 'import.state.done'
  | 'import.state.failed'
  | 'import.progress'
  | 'import.progressUnknown'
  | 'import.saving'
  | 'import.progressLabel'
  | 'import.report'
  | 'import.accepted'
  | 'import.rejected'
  | 'import.errors'
  | 'import.col.line'
  | 'import.col.reason'
  | 'import.errorsTruncated'
  | 'export.title'
  | 'export.help'
  | 'export.csv'
  | 'export.jsonl'
  | 'gaps.title'
  | 'gaps.help'
  | 'gaps.col.question'
  | 'gaps.col.count'
  | 'gaps.col.best'
  | 'gaps.col.confidence'
  | 'gaps.col.lastAt'
  | 'gaps.noMatch'
  | 'gaps.create'
  | 'gaps.createLabel'
  | 'gaps.dismiss'
  | 'gaps.dismissLabel'
  | 'gaps.empty'
  | 'queues.title'
  | 'queues.help'
  | 'queues.botFirst'
  | 'queues.humanFirst'
  | 'bot.title'
  | 'bot.readOnly'
  | 'bot.group.basic'
  | 'bot.group.matching'
  | 'bot.group.handoff'
  | 'bot.group.words'
  | 'bot.name'
  | 'bot.greeting'
  | 'bot.thresholdHelp'
  | 'bot.answerThreshold'
  | 'bot.clarifyThreshold'
  | 'bot.clarifyPrompt'
  | 'bot.unknownReply'
  | 'bot.handoffPhrases'
  | 'bot.offerPrompt'
  | 'bot.transferNotice'
  | 'bot.missesToOffer'
  | 'bot.missesToTransfer'
  | 'bot.toneToOffer'
  | 'bot.toneToTransfer'
  | 'bot.zeroDisables'
  | 'bot.onePerLine'
  | 'bot.suggestions'
  | 'bot.answerWhileWaiting'
  | 'bot.customWords'
  | 'bot.synonyms'
  | 'bot.synonymsHint'
  | 'bot.group.routes'
  | 'bot.routesHelp'
  | 'bot.routes.col.category'
  | 'bot.routes.col.queue'
  | 'bot.routes.category'
  | 'bot.routes.queue'
  | 'bot.routes.pickCategory'
  | 'bot.routes.pickQueue'
  | 'bot.routes.gone'
  | 'bot.routes.unknownQueue'
  | 'bot.routes.remove'
  | 'bot.routes.add'
  | 'bot.routes.max'
  | 'bot.routes.empty'
  | 'bot.routes.noCategories'
  | 'bot.routes.incomplete'
  | 'bot.revert'
  | 'bot.saved';

/** Exported so the routing pages' table can include these (shared buttons, errors, navigation). */
export const kbMessages: MessageTables<KbKey> = {
  'zh-CN': {
    'nav.label': '页面',
    'nav.workspace': '工作台',
    'nav.kb': '知识库',
    'nav.bot': '机器人设置',
    'nav.board': '监控台',
    'nav.routing': '路由设置',
    'nav.classify': '咨询分类',
    'nav.canned': '快捷回复',
    'kb.tabs': '知识库功能',
    'kb.tab.entries': '条目',
    'kb.tab.categories': '分类',
    'kb.tab.import': '导入/导出',
    'kb.tab.gaps': '知识缺口',
    'common.actions': '操作',
    'common.cancel': '取消',
    'common.close': '关闭',
    'common.delete': '删除',
    'common.dismiss': '关闭提示',
    'common.edit': '编辑',
    'common.loading': '正在加载…',
    'common.refresh': '刷新',
    'common.save': '保存',
    'common.saving': '正在保存…',
    'err.network': '无法连接服务器，请检查网络后重试。',
    'err.session': '登录已过期，请重新登录。',
    'err.forbidden': '没有权限执行此操作。',
    'err.tooLarge': '文件太大，最大 32 MB。',
    'err.rateLimited': '操作太频繁，请稍后再试。',
    'err.generic': '操作失败：{message}',
    'entries.title': '知识条目',
    'entries.new': '新建条目',
    'entries.search': '搜索条目',
    'entries.searchPlaceholder': '搜索问题或答案',
    'entries.categoryFilter': '分类',
    'entries.allCategories': '全部分类',
    'entries.caption': '知识库条目',
    'entries.col.question': '标准问题',
    'entries.col.category': '分类',
    'entries.col.similar': '相似问',
    'entries.col.enabled': '状态',
    'entries.col.validity': '有效期',
    'entries.col.helpful': '有用',
    'entries.col.notHelpful': '没用',
    'entries.col.confidence': '匹配度',
    'entries.enabled': '启用',
    'entries.disabled': '停用',
    'entries.empty': '知识库还没有条目。点击「新建条目」或导入文件。',
    'entries.noMatch': '没有符合条件的条目。',
    'entries.editLabel': '编辑「{question}」',
    'entries.deleteLabel': '删除「{question}」',
    'entries.deleteTitle': '删除条目',
    'entries.deleteConfirm': '确定删除「{question}」吗？删除后机器人将不再使用这条答案。',
    'entries.created': '已创建「{question}」。',
    'entries.updated': '已保存「{question}」。',
    'entries.deleted': '已删除「{question}」。',
    'validity.always': '长期有效',
    'validity.pending': '未生效',
    'validity.expired': '已过期',
    'pager.label': '分页',
    'pager.range': '第 {from}–{to} 条，共 {total} 条',
    'pager.prev': '上一页',
    'pager.next': '下一页',
    'entry.newTitle': '新建条目',
    'entry.editTitle': '编辑条目',
    'entry.question': '标准问题',
    'entry.similar': '相似问题（每行一个）',
    'entry.similarHint': '客户的其他问法，每行一个',
    'entry.answer': '答案',
    'entry.category': '分类',
    'entry.noCategory': '未分类',
    'entry.newCategoryOption': '新建分类…',
    'entry.newCategory': '新分类名称',
    'entry.tags': '标签（用逗号分隔）',
    'entry.tagsHint': '例如：信用卡, 挂失',
    'entry.enabled': '启用（机器人可以使用这条答案）',
    'entry.validFrom': '生效日期',
    'entry.validTo': '失效日期',
    'entry.validToHint': '从这一天起不再使用；留空表示长期有效。',
    'categories.title': '分类',
    'categories.name': '新分类名称',
    'categories.add': '添加分类',
    'categories.col.name': '名称',
    'categories.col.entries': '条目数',
    'categories.deleteLabel': '删除分类「{name}」',
    'categories.empty': '还没有分类。',
    'import.title': '导入',
    'import.help':
      '支持 CSV（UTF-8，首行为表头，至少包含 question 和 answer 列；可选 id、similar、category、tags、enabled、valid_from、valid_to）和 JSON Lines（每行一个 JSON 对象）。相同 id 的条目会被替换，有问题的行会被跳过并列出原因。',
    'import.file': '选择文件（CSV 或 JSONL）',
    'import.format': '文件格式',
    'import.start': '开始导入',
    'import.uploading': '正在上传…',
    'import.state.parsing': '正在解析',
    'import.state.saving': '正在保存',
    'import.state.done': '导入完成',
    'import.state.failed': '导入失败',
    'import.progress': '已处理 {processed} / {rows} 行',
    'import.progressUnknown': '正在读取文件…',
    'import.saving': '已保存 {saved} / {accepted} 条',
    'import.progressLabel': '导入进度',
    'import.report': '导入结果',
    'import.accepted': '成功导入',
    'import.rejected': '未导入',
    'import.errors': '未导入的行',
    'import.col.line': '行号',
    'import.col.reason': '原因',
    'import.errorsTruncated': '仅列出前 {shown} 行（共 {total} 行有问题）。',
    'export.title': '导出',
    'export.help': '导出整个知识库，文件可以直接再次导入。',
    'export.csv': '导出 CSV',
    'export.jsonl': '导出 JSONL',
    'gaps.title': '知识缺口',
    'gaps.help': '机器人答不上来或把握不大的问题，按提问次数排序。可以据此新建条目，或忽略不需要处理的问题。',
    'gaps.col.question': '客户问题',
    'gaps.col.count': '次数',
    'gaps.col.best': '最接近的条目',
    'gaps.col.confidence': '置信度',
    'gaps.col.lastAt': '最近提问',
    'gaps.noMatch': '无',
    'gaps.create': '新建条目',
    'gaps.createLabel': '为「{question}」新建条目',
    'gaps.dismiss': '忽略',
    'gaps.dismissLabel': '忽略「{question}」',
    'gaps.empty': '暂无知识缺口。',
    'queues.title': '接待方式',
    'queues.help': '智能客服优先：新对话先由机器人回答，需要时再转人工。人工优先：新对话直接排队等待客服。',
    'queues.botFirst': '智能客服优先',
    'queues.humanFirst': '人工优先',
    'bot.title': '机器人回复',
    'bot.readOnly': '只有管理员可以修改机器人设置和接待方式，您可以查看当前设置。',
    'bot.group.basic': '基本信息',
    'bot.group.matching': '答案匹配',
    'bot.group.handoff': '转人工',
    'bot.group.words': '联想与词典',
    'bot.name': '机器人名称',
    'bot.greeting': '欢迎语',
    'bot.thresholdHelp': '阈值在 0 到 1 之间：匹配度达到「直接回答」阈值时给出答案，达到「追问」阈值时列出“您可能想问”，否则回复兜底话术。',
    'bot.answerThreshold': '直接回答阈值',
    'bot.clarifyThreshold': '追问阈值',
    'bot.clarifyPrompt': '追问提示语',
    'bot.unknownReply': '兜底回复',
    'bot.handoffPhrases': '转人工关键词',
    'bot.offerPrompt': '建议转人工的提示语',
    'bot.transferNotice': '转人工时的提示语',
    'bot.missesToOffer': '连续答不上几次后建议转人工',
    'bot.missesToTransfer': '连续答不上几次后直接转人工',
    'bot.toneToOffer': '负面情绪达到几分时建议转人工',
    'bot.toneToTransfer': '负面情绪达到几分时直接转人工',
    'bot.zeroDisables': '0 表示不启用',
    'bot.onePerLine': '每行一个',
    'bot.suggestions': '访客输入时显示问题联想',
    'bot.answerWhileWaiting': '排队等待人工时提供自助服务（问题联想与有把握的答案）',
    'bot.customWords': '自定义词语',
    'bot.synonyms': '同义词',
    'bot.synonymsHint': '每行一组，词语之间用空格分隔，例如：借款 贷款',
    'bot.group.routes': '按问题分类转接',
    'bot.routesHelp':
      '机器人转人工时（客户要求转人工、连续答不上、负面情绪或点了“没帮助”），对话会转入为机器人最近一次匹配到的问题所属分类设置的队列。没有设置转接的分类，对话留在原来的队列；目标队列处于非服务时间或排队已满时，对话也留在原来的队列。',
    'bot.routes.col.category': '问题分类',
    'bot.routes.col.queue': '转入队列',
    'bot.routes.category': '第 {n} 条转接规则：分类',
    'bot.routes.queue': '第 {n} 条转接规则：队列',
    'bot.routes.pickCategory': '选择分类',
    'bot.routes.pickQueue': '选择队列',
    'bot.routes.gone': '{name}（已不在分类列表中）',
    'bot.routes.unknownQueue': '未知队列（{id}）',
    'bot.routes.remove': '删除第 {n} 条转接规则',
    'bot.routes.add': '添加转接规则',
    'bot.routes.max': '最多 {max} 条转接规则。',
    'bot.routes.empty': '还没有转接规则：机器人转人工时，对话都留在原来的队列。',
    'bot.routes.noCategories': '知识库还没有分类。请先在「知识库 › 分类」中添加分类。',
    'bot.routes.incomplete': '第 {n} 条转接规则未填完整：请同时选择分类和队列，或删除这条规则。',
    'bot.revert': '撤销修改',
    'bot.saved': '设置已保存。',
  },
  'zh-TW': {
    'nav.label': '頁面',
    'nav.workspace': '工作台',
    'nav.kb': '知識庫',
    'nav.bot': '機器人設定',
    'nav.board': '監控台',
    'nav.routing': '路由設定',
    'nav.classify': '諮詢分類',
    'nav.canned': '快捷回覆',
    'kb.tabs': '知識庫功能',
    'kb.tab.entries': '條目',
    'kb.tab.categories': '分類',
    'kb.tab.import': '匯入/匯出',
    'kb.tab.gaps': '知識缺口',
    'common.actions': '操作',
    'common.cancel': '取消',
    'common.close': '關閉',
    'common.delete': '刪除',
    'common.dismiss': '關閉提示',
    'common.edit': '編輯',
    'common.loading': '正在載入…',
    'common.refresh': '重新整理',
    'common.save': '儲存',
    'common.saving': '正在儲存…',
    'err.network': '無法連線到伺服器，請檢查網路後重試。',
    'err.session': '登入已逾時，請重新登入。',
    'err.forbidden': '沒有權限執行此操作。',
    'err.tooLarge': '檔案太大，上限為 32 MB。',
    'err.rateLimited': '操作太頻繁，請稍後再試。',
    'err.generic': '操作失敗：{message}',
    'entries.title': '知識條目',
    'entries.new': '新增條目',
    'entries.search': '搜尋條目',
    'entries.searchPlaceholder': '搜尋問題或答案',
    'entries.categoryFilter': '分類',
    'entries.allCategories': '全部分類',
    'entries.caption': '知識庫條目',
    'entries.col.question': '標準問題',
    'entries.col.category': '分類',
    'entries.col.similar': '相似問',
    'entries.col.enabled': '狀態',
    'entries.col.validity': '有效期間',
    'entries.col.helpful': '有幫助',
    'entries.col.notHelpful': '沒幫助',
    'entries.col.confidence': '符合度',
    'entries.enabled': '啟用',
    'entries.disabled': '停用',
    'entries.empty': '知識庫還沒有條目。請點選「新增條目」或匯入檔案。',
    'entries.noMatch': '沒有符合條件的條目。',
    'entries.editLabel': '編輯「{question}」',
    'entries.deleteLabel': '刪除「{question}」',
    'entries.deleteTitle': '刪除條目',
    'entries.deleteConfirm': '確定要刪除「{question}」嗎？刪除後機器人將不再使用這則答案。',
    'entries.created': '已新增「{question}」。',
    'entries.updated': '已儲存「{question}」。',
    'entries.deleted': '已刪除「{question}」。',
    'validity.always': '長期有效',
    'validity.pending': '尚未生效',
    'validity.expired': '已過期',
    'pager.label': '分頁',
    'pager.range': '第 {from}–{to} 筆，共 {total} 筆',
    'pager.prev': '上一頁',
    'pager.next': '下一頁',
    'entry.newTitle': '新增條目',
    'entry.editTitle': '編輯條目',
    'entry.question': '標準問題',
    'entry.similar': '相似問題（每行一個）',
    'entry.similarHint': '客戶的其他問法，每行一個',
    'entry.answer': '答案',
    'entry.category': '分類',
    'entry.noCategory': '未分類',
    'entry.newCategoryOption': '新增分類…',
    'entry.newCategory': '新分類名稱',
    'entry.tags': '標籤（以逗號分隔）',
    'entry.tagsHint': '例如：信用卡, 掛失',
    'entry.enabled': '啟用（機器人可以使用這則答案）',
    'entry.validFrom': '生效日期',
    'entry.validTo': '失效日期',
    'entry.validToHint': '從這一天起不再使用；留空表示長期有效。',
    'categories.title': '分類',
    'categories.name': '新分類名稱',
    'categories.add': '新增分類',
    'categories.col.name': '名稱',
    'categories.col.entries': '條目數',
    'categories.deleteLabel': '刪除分類「{name}」',
    'categories.empty': '還沒有分類。',
    'import.title': '匯入',
    'import.help':
      '支援 CSV（UTF-8，第一行為標題列，至少包含 question 與 answer 欄；可選 id、similar、category、tags、enabled、valid_from、valid_to）與 JSON Lines（每行一個 JSON 物件）。相同 id 的條目會被取代，有問題的行會被略過並列出原因。',
    'import.file': '選擇檔案（CSV 或 JSONL）',
    'import.format': '檔案格式',
    'import.start': '開始匯入',
    'import.uploading': '正在上傳…',
    'import.state.parsing': '正在解析',
    'import.state.saving': '正在儲存',
    'import.state.done': '匯入完成',
    'import.state.failed': '匯入失敗',
    'import.progress': '已處理 {processed} / {rows} 行',
    'import.progressUnknown': '正在讀取檔案…',
    'import.saving': '已儲存 {saved} / {accepted} 條',
    'import.progressLabel': '匯入進度',
    'import.report': '匯入結果',
    'import.accepted': '成功匯入',
    'import.rejected': '未匯入',
    'import.errors': '未匯入的行',
    'import.col.line': '行號',
    'import.col.reason': '原因',
    'import.errorsTruncated': '僅列出前 {shown} 行（共 {total} 行有問題）。',
    'export.title': '匯出',
    'export.help': '匯出整個知識庫，檔案可以直接再次匯入。',
    'export.csv': '匯出 CSV',
    'export.jsonl': '匯出 JSONL',
    'gaps.title': '知識缺口',
    'gaps.help': '機器人答不出來或把握不大的問題，依提問次數排序。可以據此新增條目，或忽略不需要處理的問題。',
    'gaps.col.question': '客戶問題',
    'gaps.col.count': '次數',
    'gaps.col.best': '最接近的條目',
    'gaps.col.confidence': '信賴度',
    'gaps.col.lastAt': '最近提問',
    'gaps.noMatch': '無',
    'gaps.create': '新增條目',
    'gaps.createLabel': '為「{question}」新增條目',
    'gaps.dismiss': '忽略',
    'gaps.dismissLabel': '忽略「{question}」',
    'gaps.empty': '目前沒有知識缺口。',
    'queues.title': '接待方式',
    'queues.help': '智慧客服優先：新對話先由機器人回答，需要時再轉真人。真人優先：新對話直接排隊等候客服。',
    'queues.botFirst': '智慧客服優先',
    'queues.humanFirst': '真人優先',
    'bot.title': '機器人回覆',
    'bot.readOnly': '只有管理員可以修改機器人設定與接待方式，您可以檢視目前的設定。',
    'bot.group.basic': '基本資訊',
    'bot.group.matching': '答案比對',
    'bot.group.handoff': '轉真人',
    'bot.group.words': '聯想與詞典',
    'bot.name': '機器人名稱',
    'bot.greeting': '歡迎詞',
    'bot.thresholdHelp': '門檻介於 0 到 1：符合度達到「直接回答」門檻時給出答案，達到「追問」門檻時列出「您可能想問」，否則回覆預設話術。',
    'bot.answerThreshold': '直接回答門檻',
    'bot.clarifyThreshold': '追問門檻',
    'bot.clarifyPrompt': '追問提示語',
    'bot.unknownReply': '預設回覆',
    'bot.handoffPhrases': '轉真人關鍵字',
    'bot.offerPrompt': '建議轉真人的提示語',
    'bot.transferNotice': '轉真人時的提示語',
    'bot.missesToOffer': '連續答不出幾次後建議轉真人',
    'bot.missesToTransfer': '連續答不出幾次後直接轉真人',
    'bot.toneToOffer': '負面情緒達到幾分時建議轉真人',
    'bot.toneToTransfer': '負面情緒達到幾分時直接轉真人',
    'bot.zeroDisables': '0 表示不啟用',
    'bot.onePerLine': '每行一個',
    'bot.suggestions': '訪客輸入時顯示問題聯想',
    'bot.answerWhileWaiting': '排隊等候人工時提供自助服務（問題聯想與有把握的答案）',
    'bot.customWords': '自訂詞語',
    'bot.synonyms': '同義詞',
    'bot.synonymsHint': '每行一組，詞語之間以空格分隔，例如：借款 貸款',
    'bot.group.routes': '按問題分類轉接',
    'bot.routesHelp':
      '機器人轉真人時（客戶要求轉真人、連續答不出、負面情緒或點了「沒幫助」），對話會轉入為機器人最近一次比對到的問題所屬分類設定的佇列。沒有設定轉接的分類，對話留在原本的佇列；目標佇列處於非服務時間或排隊已滿時，對話也留在原本的佇列。',
    'bot.routes.col.category': '問題分類',
    'bot.routes.col.queue': '轉入佇列',
    'bot.routes.category': '第 {n} 條轉接規則：分類',
    'bot.routes.queue': '第 {n} 條轉接規則：佇列',
    'bot.routes.pickCategory': '選擇分類',
    'bot.routes.pickQueue': '選擇佇列',
    'bot.routes.gone': '{name}（已不在分類清單中）',
    'bot.routes.unknownQueue': '未知佇列（{id}）',
    'bot.routes.remove': '刪除第 {n} 條轉接規則',
    'bot.routes.add': '新增轉接規則',
    'bot.routes.max': '最多 {max} 條轉接規則。',
    'bot.routes.empty': '還沒有轉接規則：機器人轉真人時，對話都留在原本的佇列。',
    'bot.routes.noCategories': '知識庫還沒有分類。請先在「知識庫 › 分類」中新增分類。',
    'bot.routes.incomplete': '第 {n} 條轉接規則未填寫完整：請同時選擇分類與佇列，或刪除這條規則。',
    'bot.revert': '復原修改',
    'bot.saved': '設定已儲存。',
  },
  en: {
    'nav.label': 'Pages',
    'nav.workspace': 'Workspace',
    'nav.kb': 'Knowledge base',
    'nav.bot': 'Bot settings',
    'nav.board': 'Live board',
    'nav.routing': 'Routing',
    'nav.classify': 'Classification',
    'nav.canned': 'Canned replies',
    'kb.tabs': 'Knowledge base sections',
    'kb.tab.entries': 'Entries',
    'kb.tab.categories': 'Categories',
    'kb.tab.import': 'Import / export',
    'kb.tab.gaps': 'Knowledge gaps',
    'common.actions': 'Actions',
    'common.cancel': 'Cancel',
    'common.close': 'Close',
    'common.delete': 'Delete',
    'common.dismiss': 'Dismiss',
    'common.edit': 'Edit',
    'common.loading': 'Loading…',
    'common.refresh': 'Refresh',
    'common.save': 'Save',
    'common.saving': 'Saving…',
    'err.network': 'Cannot reach the server. Check your connection and try again.',
    'err.session': 'Your session has expired. Please sign in again.',
    'err.forbidden': 'You are not allowed to do that.',
    'err.tooLarge': 'The file is too large (at most 32 MB).',
    'err.rateLimited': 'Too many requests. Please try again in a moment.',
    'err.generic': 'That did not work: {message}',
    'entries.title': 'Entries',
    'entries.new': 'New entry',
    'entries.search': 'Search entries',
    'entries.searchPlaceholder': 'Search questions and answers',
    'entries.categoryFilter': 'Category',
    'entries.allCategories': 'All categories',
    'entries.caption': 'Knowledge base entries',
    'entries.col.question': 'Standard question',
    'entries.col.category': 'Category',
    'entries.col.similar': 'Similar',
    'entries.col.enabled': 'Status',
    'entries.col.validity': 'Valid',
    'entries.col.helpful': 'Helpful',
    'entries.col.notHelpful': 'Not helpful',
    'entries.col.confidence': 'Match',
    'entries.enabled': 'Enabled',
    'entries.disabled': 'Disabled',
    'entries.empty': 'The knowledge base is empty. Add an entry or import a file.',
    'entries.noMatch': 'No entries match.',
    'entries.editLabel': 'Edit “{question}”',
    'entries.deleteLabel': 'Delete “{question}”',
    'entries.deleteTitle': 'Delete entry',
    'entries.deleteConfirm': 'Delete “{question}”? The bot will no longer use this answer.',
    'entries.created': 'Created “{question}”.',
    'entries.updated': 'Saved “{question}”.',
    'entries.deleted': 'Deleted “{question}”.',
    'validity.always': 'Always',
    'validity.pending': 'Not yet valid',
    'validity.expired': 'Expired',
    'pager.label': 'Pages of entries',
    'pager.range': '{from}–{to} of {total}',
    'pager.prev': 'Previous',
    'pager.next': 'Next',
    'entry.newTitle': 'New entry',
    'entry.editTitle': 'Edit entry',
    'entry.question': 'Standard question',
    'entry.similar': 'Similar questions (one per line)',
    'entry.similarHint': 'Other ways customers ask it, one per line',
    'entry.answer': 'Answer',
    'entry.category': 'Category',
    'entry.noCategory': 'Uncategorized',
    'entry.newCategoryOption': 'New category…',
    'entry.newCategory': 'New category name',
    'entry.tags': 'Tags (comma-separated)',
    'entry.tagsHint': 'e.g. credit card, lost card',
    'entry.enabled': 'Enabled (the bot may use this answer)',
    'entry.validFrom': 'Valid from',
    'entry.validTo': 'Expires on',
    'entry.validToHint': 'Not used from this day on; leave empty for no end.',
    'categories.title': 'Categories',
    'categories.name': 'New category name',
    'categories.add': 'Add category',
    'categories.col.name': 'Name',
    'categories.col.entries': 'Entries',
    'categories.deleteLabel': 'Delete category “{name}”',
    'categories.empty': 'No categories yet.',
    'import.title': 'Import',
    'import.help':
      'CSV (UTF-8, a header row naming at least the columns question and answer; optional id, similar, category, tags, enabled, valid_from, valid_to) or JSON Lines (one JSON object per line). Entries with an existing id are replaced; bad rows are skipped and listed with the reason.',
    'import.file': 'File (CSV or JSONL)',
    'import.format': 'Format',
    'import.start': 'Import',
    'import.uploading': 'Uploading…',
    'import.state.parsing': 'Reading',
    'import.state.saving': 'Saving',
    'import.state.done': 'Finished',
    'import.state.failed': 'Failed',
    'import.progress': '{processed} of {rows} rows processed',
    'import.progressUnknown': 'Reading the file…',
    'import.saving': '{saved} of {accepted} entries saved',
    'import.progressLabel': 'Import progress',
    'import.report': 'Import report',
    'import.accepted': 'Imported',
    'import.rejected': 'Rejected',
    'import.errors': 'Rejected rows',
    'import.col.line': 'Line',
    'import.col.reason': 'Reason',
    'import.errorsTruncated': 'Showing the first {shown} of {total} rejected rows.',
    'export.title': 'Export',
    'export.help': 'Download the whole knowledge base; the file can be imported again as it is.',
    'export.csv': 'Export CSV',
    'export.jsonl': 'Export JSONL',
    'gaps.title': 'Knowledge gaps',
    'gaps.help':
      'Questions the bot could not answer, or answered with low confidence, most asked first. Turn them into entries or dismiss the ones that need nothing.',
    'gaps.col.question': 'Customer question',
    'gaps.col.count': 'Times asked',
    'gaps.col.best': 'Closest entry',
    'gaps.col.confidence': 'Confidence',
    'gaps.col.lastAt': 'Last asked',
    'gaps.noMatch': 'None',
    'gaps.create': 'New entry',
    'gaps.createLabel': 'New entry for “{question}”',
    'gaps.dismiss': 'Dismiss',
    'gaps.dismissLabel': 'Dismiss “{question}”',
    'gaps.empty': 'No knowledge gaps.',
    'queues.title': 'Who answers first',
    'queues.help':
      'Bot first: the bot answers new conversations and hands over to a person when needed. Human first: new conversations go straight to the queue.',
    'queues.botFirst': 'Bot first',
    'queues.humanFirst': 'Human first',
    'bot.title': 'Bot replies',
    'bot.readOnly': 'Only administrators can change the bot settings and who answers first; you can view them.',
    'bot.group.basic': 'Basics',
    'bot.group.matching': 'Matching',
    'bot.group.handoff': 'Handing over to a person',
    'bot.group.words': 'Suggestions and vocabulary',
    'bot.name': 'Bot name',
    'bot.greeting': 'Greeting',
    'bot.thresholdHelp':
      'Thresholds are between 0 and 1: at the answer threshold the bot answers, at the clarify threshold it lists “Did you mean”, below it sends the fallback reply.',
    'bot.answerThreshold': 'Answer threshold',
    'bot.clarifyThreshold': 'Clarify threshold',
    'bot.clarifyPrompt': 'Clarify prompt',
    'bot.unknownReply': 'Fallback reply',
    'bot.handoffPhrases': 'Phrases that ask for a person',
    'bot.offerPrompt': 'Offer-a-person message',
    'bot.transferNotice': 'Handover message',
    'bot.missesToOffer': 'Misses in a row before offering a person',
    'bot.missesToTransfer': 'Misses in a row before handing over',
    'bot.toneToOffer': 'Negative-tone score to offer a person',
    'bot.toneToTransfer': 'Negative-tone score to hand over',
    'bot.zeroDisables': '0 turns this off',
    'bot.onePerLine': 'One per line',
    'bot.suggestions': 'Suggest questions while visitors type',
    'bot.answerWhileWaiting': 'Self-service while customers wait for an agent (suggestions and confident answers)',
    'bot.customWords': 'Custom words',
    'bot.synonyms': 'Synonyms',
    'bot.synonymsHint': 'One group per line, words separated by spaces, e.g. 借款 贷款',
    'bot.group.routes': 'Route handoffs by topic',
    'bot.routesHelp':
      'When the bot hands a customer over to a person (on request, after misses in a row, on a negative tone or after “Not helpful”), the conversation goes to the queue set for the category of the question the bot last matched. Categories without a route stay in the conversation’s own queue, and so does a conversation whose target queue is closed or full.',
    'bot.routes.col.category': 'Category',
    'bot.routes.col.queue': 'Queue',
    'bot.routes.category': 'Route {n}: category',
    'bot.routes.queue': 'Route {n}: queue',
    'bot.routes.pickCategory': 'Choose a category',
    'bot.routes.pickQueue': 'Choose a queue',
    'bot.routes.gone': '{name} (no longer listed)',
    'bot.routes.unknownQueue': 'Unknown queue ({id})',
    'bot.routes.remove': 'Remove route {n}',
    'bot.routes.add': 'Add route',
    'bot.routes.max': 'At most {max} routes.',
    'bot.routes.empty': 'No routes yet: every handoff stays in the conversation’s own queue.',
    'bot.routes.noCategories':
      'The knowledge base has no categories yet. Add them under Knowledge base › Categories first.',
    'bot.routes.incomplete': 'Route {n} is incomplete: choose both a category and a queue, or remove it.',
    'bot.revert': 'Undo changes',
    'bot.saved': 'Settings saved.',
  },
};

export type KbT = Translate<KbKey>;

export function kbTranslator(lang: Lang): KbT {
  return translator(kbMessages, lang);
}

/** What to show for a failed call: the server's own reason for 400 and 409, else a sentence. */
export function errorText(e: unknown, t: KbT): string {
  if (!(e instanceof ApiError)) return t('err.generic', { message: e instanceof Error ? e.message : String(e) });
  switch (e.status) {
    case 0:
      return t('err.network');
    case 401:
      return t('err.session');
    case 403:
      return t('err.forbidden');
    case 413:
      return t('err.tooLarge');
    case 429:
      return t('err.rateLimited');
    case 400:
    case 404:
    case 409:
      return e.message || t('err.generic', { message: e.code });
    default:
      return t('err.generic', { message: e.message || e.code });
  }
}
