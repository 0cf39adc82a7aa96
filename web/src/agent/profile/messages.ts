// Strings of the customer profile panel (the 「客户资料」 tab): the profile card, its editor, the
// customer's previous conversations and the transcript dialog. A separate table so the workspace's
// own (web/src/agent/messages.ts) stays untouched; system lines still come from the workspace's
// translator (shared/system.ts).

import { useMemo } from 'preact/hooks';
import { translator, type Lang, type MessageTables, type Translate } from '../../shared/i18n';

export type ProfileKey =
  | 'panel.label'
  | 'panel.loading'
  | 'panel.refresh'
  | 'panel.refreshing'
  | 'panel.retry'
  | 'panel.error'
  | 'panel.forbidden'
  | 'panel.notFound'
  | 'panel.stale'
  | 'badge.verified'
  | 'badge.verifiedTitle'
  | 'badge.unverified'
  | 'badge.unverifiedTitle'
  | 'badge.vip'
  | 'badge.vipTitle'
  | 'field.name'
  | 'field.phone'
  | 'field.email'
  | 'field.userId'
  | 'field.vip'
  | 'field.tags'
  | 'field.attributes'
  | 'field.note'
  | 'empty.value'
  | 'empty.tags'
  | 'empty.attributes'
  | 'empty.note'
  | 'copy'
  | 'copied'
  | 'copyFailed'
  | 'edit'
  | 'editLabel'
  | 'saved'
  | 'updatedBy'
  | 'since'
  | 'form.title'
  | 'form.verifiedHint'
  | 'form.vipNone'
  | 'form.vipLevel'
  | 'form.tagInput'
  | 'form.tagsHint'
  | 'form.removeTag'
  | 'form.attrKey'
  | 'form.attrValue'
  | 'form.attrKeyN'
  | 'form.attrValueN'
  | 'form.removeAttr'
  | 'form.addAttr'
  | 'form.noAttrs'
  | 'form.count'
  | 'form.save'
  | 'form.saving'
  | 'form.cancel'
  | 'form.escHint'
  | 'form.invalid'
  | 'form.serverError'
  | 'err.nameEmpty'
  | 'err.tooLong'
  | 'err.vip'
  | 'err.tagTooLong'
  | 'err.tooManyTags'
  | 'err.attrKeyEmpty'
  | 'err.attrKeyTooLong'
  | 'err.attrKeyDup'
  | 'err.attrValueTooLong'
  | 'err.tooManyAttrs'
  | 'err.network'
  | 'err.session'
  | 'err.forbidden'
  | 'err.notFound'
  | 'err.rateLimited'
  | 'history.title'
  | 'history.empty'
  | 'history.current'
  | 'history.unclassified'
  | 'history.noAgent'
  | 'history.limit'
  | 'history.open'
  | 'history.state.bot'
  | 'history.state.queued'
  | 'history.state.assigned'
  | 'history.state.closed'
  | 'history.closedBy.agent'
  | 'history.closedBy.visitor'
  | 'history.closedBy.idle'
  | 'tr.title'
  | 'tr.meta'
  | 'tr.agent'
  | 'tr.loading'
  | 'tr.error'
  | 'tr.empty'
  | 'tr.log'
  | 'tr.role.visitor'
  | 'tr.role.agent'
  | 'tr.role.bot'
  | 'tr.outcome'
  | 'tr.classification'
  | 'tr.summary'
  | 'tr.none'
  | 'tr.close';

export const profileMessages: MessageTables<ProfileKey> = {
  'zh-CN': {
    'panel.label': '客户资料',
    'panel.loading': '正在加载客户资料…',
    'panel.refresh': '刷新',
    'panel.refreshing': '正在刷新…',
    'panel.retry': '重试',
    'panel.error': '无法加载客户资料：{message}',
    'panel.forbidden': '您无权查看该客户的资料：只能查看您接待过的客户。',
    'panel.notFound': '找不到该客户的资料。',
    'panel.stale': '对话已结束，以下为结束前的资料，不再更新。',
    'badge.verified': '已认证',
    'badge.verifiedTitle': '已通过企业身份认证，企业用户 ID：{id}',
    'badge.unverified': '未认证',
    'badge.unverifiedTitle': '匿名访客，未通过企业身份认证',
    'badge.vip': 'VIP{n}',
    'badge.vipTitle': 'VIP 等级 {n}',
    'field.name': '姓名',
    'field.phone': '电话',
    'field.email': '邮箱',
    'field.userId': '企业用户 ID',
    'field.vip': 'VIP 等级',
    'field.tags': '标签',
    'field.attributes': '自定义属性',
    'field.note': '备注',
    'empty.value': '未填写',
    'empty.tags': '暂无标签',
    'empty.attributes': '暂无自定义属性',
    'empty.note': '暂无备注',
    copy: '复制{field}',
    copied: '已复制',
    copyFailed: '无法复制，请手动选择',
    edit: '编辑',
    editLabel: '编辑客户资料',
    saved: '已保存',
    updatedBy: '{name} 更新于 {time}',
    since: '首次咨询 {time}',
    'form.title': '编辑客户资料',
    'form.verifiedHint':
      '该客户已通过企业身份认证：客户每次认证访问时，企业传入的姓名、电话、邮箱、VIP 等级、标签和自定义属性会覆盖这里的修改；备注不受影响。',
    'form.vipNone': '无',
    'form.vipLevel': 'VIP{n}',
    'form.tagInput': '添加标签',
    'form.tagsHint': '输入后按回车或逗号添加，最多 {max} 个',
    'form.removeTag': '删除标签“{tag}”',
    'form.attrKey': '属性名',
    'form.attrValue': '属性值',
    'form.attrKeyN': '第 {n} 个属性的名称',
    'form.attrValueN': '第 {n} 个属性的值',
    'form.removeAttr': '删除第 {n} 个属性',
    'form.addAttr': '添加属性',
    'form.noAttrs': '暂无自定义属性。',
    'form.count': '{n}/{max}',
    'form.save': '保存',
    'form.saving': '正在保存…',
    'form.cancel': '取消',
    'form.escHint': '按 Esc 取消',
    'form.invalid': '请先修正标出的问题。',
    'form.serverError': '保存失败：{message}',
    'err.nameEmpty': '请填写姓名。',
    'err.tooLong': '不能超过 {max} 个字符。',
    'err.vip': 'VIP 等级应为 0–9。',
    'err.tagTooLong': '标签“{tag}”超过 {max} 个字符。',
    'err.tooManyTags': '最多 {max} 个标签。',
    'err.attrKeyEmpty': '请填写属性名。',
    'err.attrKeyTooLong': '属性名不能超过 {max} 个字符。',
    'err.attrKeyDup': '属性名“{key}”重复。',
    'err.attrValueTooLong': '属性值不能超过 {max} 个字符。',
    'err.tooManyAttrs': '最多 {max} 个自定义属性。',
    'err.network': '无法连接服务器，请稍后重试。',
    'err.session': '登录已过期，请重新登录。',
    'err.forbidden': '无权修改该客户的资料。',
    'err.notFound': '找不到该客户。',
    'err.rateLimited': '操作过于频繁，请稍后重试。',
    'history.title': '历史会话 ({n})',
    'history.empty': '暂无会话记录。',
    'history.current': '当前',
    'history.unclassified': '未分类',
    'history.noAgent': '未转人工',
    'history.limit': '仅显示最近 {n} 次会话。',
    'history.open': '查看会话记录',
    'history.state.bot': '机器人接待中',
    'history.state.queued': '排队中',
    'history.state.assigned': '进行中',
    'history.state.closed': '已结束',
    'history.closedBy.agent': '客服结束',
    'history.closedBy.visitor': '客户结束',
    'history.closedBy.idle': '超时结束',
    'tr.title': '会话记录 · {time}',
    'tr.meta': '{queue} · {state}',
    'tr.agent': '接待客服：{name}',
    'tr.loading': '正在加载会话记录…',
    'tr.error': '无法加载会话记录：{message}',
    'tr.empty': '这次会话没有消息。',
    'tr.log': '消息记录',
    'tr.role.visitor': '客户',
    'tr.role.agent': '客服',
    'tr.role.bot': '机器人',
    'tr.outcome': '会话结果',
    'tr.classification': '咨询分类',
    'tr.summary': '小结',
    'tr.none': '无',
    'tr.close': '关闭',
  },
  'zh-TW': {
    'panel.label': '客戶資料',
    'panel.loading': '正在載入客戶資料…',
    'panel.refresh': '重新整理',
    'panel.refreshing': '正在重新整理…',
    'panel.retry': '重試',
    'panel.error': '無法載入客戶資料：{message}',
    'panel.forbidden': '您無權查看該客戶的資料：只能查看您接待過的客戶。',
    'panel.notFound': '找不到該客戶的資料。',
    'panel.stale': '對話已結束，以下為結束前的資料，不再更新。',
    'badge.verified': '已認證',
    'badge.verifiedTitle': '已通過企業身分認證，企業用戶 ID：{id}',
    'badge.unverified': '未認證',
    'badge.unverifiedTitle': '匿名訪客，未通過企業身分認證',
    'badge.vip': 'VIP{n}',
    'badge.vipTitle': 'VIP 等級 {n}',
    'field.name': '姓名',
    'field.phone': '電話',
    'field.email': '電子郵件',
    'field.userId': '企業用戶 ID',
    'field.vip': 'VIP 等級',
    'field.tags': '標籤',
    'field.attributes': '自訂屬性',
    'field.note': '備註',
    'empty.value': '未填寫',
    'empty.tags': '暫無標籤',
    'empty.attributes': '暫無自訂屬性',
    'empty.note': '暫無備註',
    copy: '複製{field}',
    copied: '已複製',
    copyFailed: '無法複製，請手動選取',
    edit: '編輯',
    editLabel: '編輯客戶資料',
    saved: '已儲存',
    updatedBy: '{name} 更新於 {time}',
    since: '首次諮詢 {time}',
    'form.title': '編輯客戶資料',
    'form.verifiedHint':
      '該客戶已通過企業身分認證：客戶每次認證造訪時，企業傳入的姓名、電話、電子郵件、VIP 等級、標籤和自訂屬性會覆蓋這裡的修改；備註不受影響。',
    'form.vipNone': '無',
    'form.vipLevel': 'VIP{n}',
    'form.tagInput': '新增標籤',
    'form.tagsHint': '輸入後按 Enter 或逗號新增，最多 {max} 個',
    'form.removeTag': '刪除標籤「{tag}」',
    'form.attrKey': '屬性名稱',
    'form.attrValue': '屬性值',
    'form.attrKeyN': '第 {n} 個屬性的名稱',
    'form.attrValueN': '第 {n} 個屬性的值',
    'form.removeAttr': '刪除第 {n} 個屬性',
    'form.addAttr': '新增屬性',
    'form.noAttrs': '暫無自訂屬性。',
    'form.count': '{n}/{max}',
    'form.save': '儲存',
    'form.saving': '正在儲存…',
    'form.cancel': '取消',
    'form.escHint': '按 Esc 取消',
    'form.invalid': '請先修正標示的問題。',
    'form.serverError': '儲存失敗：{message}',
    'err.nameEmpty': '請填寫姓名。',
    'err.tooLong': '不能超過 {max} 個字元。',
    'err.vip': 'VIP 等級應為 0–9。',
    'err.tagTooLong': '標籤「{tag}」超過 {max} 個字元。',
    'err.tooManyTags': '最多 {max} 個標籤。',
    'err.attrKeyEmpty': '請填寫屬性名稱。',
    'err.attrKeyTooLong': '屬性名稱不能超過 {max} 個字元。',
    'err.attrKeyDup': '屬性名稱「{key}」重複。',
    'err.attrValueTooLong': '屬性值不能超過 {max} 個字元。',
    'err.tooManyAttrs': '最多 {max} 個自訂屬性。',
    'err.network': '無法連線到伺服器，請稍後重試。',
    'err.session': '登入已過期，請重新登入。',
    'err.forbidden': '無權修改該客戶的資料。',
    'err.notFound': '找不到該客戶。',
    'err.rateLimited': '操作過於頻繁，請稍後重試。',
    'history.title': '歷史會話 ({n})',
    'history.empty': '暫無會話紀錄。',
    'history.current': '目前',
    'history.unclassified': '未分類',
    'history.noAgent': '未轉真人',
    'history.limit': '僅顯示最近 {n} 次會話。',
    'history.open': '查看會話紀錄',
    'history.state.bot': '機器人接待中',
    'history.state.queued': '排隊中',
    'history.state.assigned': '進行中',
    'history.state.closed': '已結束',
    'history.closedBy.agent': '客服結束',
    'history.closedBy.visitor': '客戶結束',
    'history.closedBy.idle': '逾時結束',
    'tr.title': '會話紀錄 · {time}',
    'tr.meta': '{queue} · {state}',
    'tr.agent': '接待客服：{name}',
    'tr.loading': '正在載入會話紀錄…',
    'tr.error': '無法載入會話紀錄：{message}',
    'tr.empty': '這次會話沒有訊息。',
    'tr.log': '訊息紀錄',
    'tr.role.visitor': '客戶',
    'tr.role.agent': '客服',
    'tr.role.bot': '機器人',
    'tr.outcome': '會話結果',
    'tr.classification': '諮詢分類',
    'tr.summary': '小結',
    'tr.none': '無',
    'tr.close': '關閉',
  },
  en: {
    'panel.label': 'Customer profile',
    'panel.loading': 'Loading the customer profile…',
    'panel.refresh': 'Refresh',
    'panel.refreshing': 'Refreshing…',
    'panel.retry': 'Retry',
    'panel.error': 'Could not load the customer profile: {message}',
    'panel.forbidden': 'You may not see this customer’s profile: only customers you serve or served.',
    'panel.notFound': 'This customer’s profile was not found.',
    'panel.stale': 'The conversation has ended: this is the profile as it was, no longer updated.',
    'badge.verified': 'Verified',
    'badge.verifiedTitle': 'Identity verified by your site; user ID: {id}',
    'badge.unverified': 'Not verified',
    'badge.unverifiedTitle': 'Anonymous visitor, identity not verified',
    'badge.vip': 'VIP{n}',
    'badge.vipTitle': 'VIP level {n}',
    'field.name': 'Name',
    'field.phone': 'Phone',
    'field.email': 'Email',
    'field.userId': 'User ID',
    'field.vip': 'VIP level',
    'field.tags': 'Tags',
    'field.attributes': 'Custom attributes',
    'field.note': 'Note',
    'empty.value': 'Not given',
    'empty.tags': 'No tags',
    'empty.attributes': 'No custom attributes',
    'empty.note': 'No note',
    copy: 'Copy {field}',
    copied: 'Copied',
    copyFailed: 'Could not copy; select it by hand',
    edit: 'Edit',
    editLabel: 'Edit the customer profile',
    saved: 'Saved',
    updatedBy: 'Updated by {name}, {time}',
    since: 'Customer since {time}',
    'form.title': 'Edit the customer profile',
    'form.verifiedHint':
      'This customer’s identity is verified by your site: at each verified visit, the name, phone, email, VIP level, tags and custom attributes your site sends replace the edits made here. The note is kept.',
    'form.vipNone': 'None',
    'form.vipLevel': 'VIP{n}',
    'form.tagInput': 'Add a tag',
    'form.tagsHint': 'Press Enter or a comma to add; at most {max}',
    'form.removeTag': 'Remove the tag “{tag}”',
    'form.attrKey': 'Name',
    'form.attrValue': 'Value',
    'form.attrKeyN': 'Attribute {n}: name',
    'form.attrValueN': 'Attribute {n}: value',
    'form.removeAttr': 'Remove attribute {n}',
    'form.addAttr': 'Add attribute',
    'form.noAttrs': 'No custom attributes.',
    'form.count': '{n}/{max}',
    'form.save': 'Save',
    'form.saving': 'Saving…',
    'form.cancel': 'Cancel',
    'form.escHint': 'Esc cancels',
    'form.invalid': 'Please correct the marked fields first.',
    'form.serverError': 'Not saved: {message}',
    'err.nameEmpty': 'Enter a name.',
    'err.tooLong': 'At most {max} characters.',
    'err.vip': 'The VIP level is 0–9.',
    'err.tagTooLong': 'The tag “{tag}” is longer than {max} characters.',
    'err.tooManyTags': 'At most {max} tags.',
    'err.attrKeyEmpty': 'Enter the attribute’s name.',
    'err.attrKeyTooLong': 'An attribute name has at most {max} characters.',
    'err.attrKeyDup': 'The attribute “{key}” is listed twice.',
    'err.attrValueTooLong': 'An attribute value has at most {max} characters.',
    'err.tooManyAttrs': 'At most {max} custom attributes.',
    'err.network': 'The server cannot be reached; try again shortly.',
    'err.session': 'Your session has expired; sign in again.',
    'err.forbidden': 'You may not change this customer’s profile.',
    'err.notFound': 'This customer was not found.',
    'err.rateLimited': 'Too many requests; try again shortly.',
    'history.title': 'Previous conversations ({n})',
    'history.empty': 'No conversations yet.',
    'history.current': 'Current',
    'history.unclassified': 'Unclassified',
    'history.noAgent': 'No agent',
    'history.limit': 'The latest {n} conversations are shown.',
    'history.open': 'Open the transcript',
    'history.state.bot': 'With the bot',
    'history.state.queued': 'Waiting',
    'history.state.assigned': 'In progress',
    'history.state.closed': 'Ended',
    'history.closedBy.agent': 'ended by the agent',
    'history.closedBy.visitor': 'ended by the customer',
    'history.closedBy.idle': 'ended when idle',
    'tr.title': 'Transcript · {time}',
    'tr.meta': '{queue} · {state}',
    'tr.agent': 'Agent: {name}',
    'tr.loading': 'Loading the transcript…',
    'tr.error': 'Could not load the transcript: {message}',
    'tr.empty': 'No messages in this conversation.',
    'tr.log': 'Messages',
    'tr.role.visitor': 'Customer',
    'tr.role.agent': 'Agent',
    'tr.role.bot': 'Bot',
    'tr.outcome': 'Outcome',
    'tr.classification': 'Classification',
    'tr.summary': 'Summary',
    'tr.none': 'None',
    'tr.close': 'Close',
  },
};

export type ProfileT = Translate<ProfileKey>;

export function profileTranslator(lang: Lang): ProfileT {
  return translator(profileMessages, lang);
}

export function useProfileT(lang: Lang): ProfileT {
  return useMemo(() => profileTranslator(lang), [lang]);
}
