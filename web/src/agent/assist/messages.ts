// Strings of the workspace's side panel (customer profile and knowledge-base suggestions) and of
// agent assist.

import { useMemo } from 'preact/hooks';
import { translator, type Lang, type MessageTables, type Translate } from '../../shared/i18n';

export type AssistKey =
  | 'side.label'
  | 'side.tabs'
  | 'side.tab.profile'
  | 'side.tab.assist'
  | 'side.collapse'
  | 'side.expand'
  | 'assist.title'
  | 'assist.question'
  | 'assist.noQuestion'
  | 'assist.loading'
  | 'assist.empty'
  | 'assist.kbEmpty'
  | 'assist.kbManage'
  | 'assist.error'
  | 'assist.retry'
  | 'assist.results'
  | 'assist.insert'
  | 'assist.insertHint'
  | 'assist.insertClosed'
  | 'assist.more'
  | 'assist.less'
  | 'assist.confidence'
  | 'assist.category';

const messages: MessageTables<AssistKey> = {
  'zh-CN': {
    'side.label': '客户资料与知识库建议',
    'side.tabs': '侧栏内容',
    'side.tab.profile': '客户资料',
    'side.tab.assist': '知识库建议',
    'side.collapse': '收起侧栏',
    'side.expand': '展开侧栏',
    'assist.title': '知识库建议',
    'assist.question': '客户最新问题',
    'assist.noQuestion': '客户还没有提问。客户发来消息后，这里会推荐相关的知识库答案。',
    'assist.loading': '正在查找相关知识…',
    'assist.empty': '知识库中没有与这个问题相关的答案。',
    'assist.kbEmpty': '知识库还是空的。添加常见问题和答案后，这里会根据客户的问题推荐答案。',
    'assist.kbManage': '去添加知识',
    'assist.error': '暂时无法获取知识库建议（{message}）。',
    'assist.retry': '重试',
    'assist.results': '推荐答案',
    'assist.insert': '插入',
    'assist.insertHint': '把答案插入回复框的光标处，发送前可以修改',
    'assist.insertClosed': '对话已结束，不能再插入答案',
    'assist.more': '展开全文',
    'assist.less': '收起',
    'assist.confidence': '匹配度 {n}%',
    'assist.category': '分类：{category}',
  },
  'zh-TW': {
    'side.label': '客戶資料與知識庫建議',
    'side.tabs': '側欄內容',
    'side.tab.profile': '客戶資料',
    'side.tab.assist': '知識庫建議',
    'side.collapse': '收合側欄',
    'side.expand': '展開側欄',
    'assist.title': '知識庫建議',
    'assist.question': '客戶最新問題',
    'assist.noQuestion': '客戶還沒有提問。客戶傳來訊息後，這裡會推薦相關的知識庫答案。',
    'assist.loading': '正在尋找相關知識…',
    'assist.empty': '知識庫中沒有與這個問題相關的答案。',
    'assist.kbEmpty': '知識庫還是空的。新增常見問題和答案後，這裡會根據客戶的問題推薦答案。',
    'assist.kbManage': '去新增知識',
    'assist.error': '暫時無法取得知識庫建議（{message}）。',
    'assist.retry': '重試',
    'assist.results': '推薦答案',
    'assist.insert': '插入',
    'assist.insertHint': '把答案插入回覆框的游標處，傳送前可以修改',
    'assist.insertClosed': '對話已結束，不能再插入答案',
    'assist.more': '展開全文',
    'assist.less': '收合',
    'assist.confidence': '相符度 {n}%',
    'assist.category': '分類：{category}',
  },
  en: {
    'side.label': 'Customer profile and knowledge-base suggestions',
    'side.tabs': 'Side panel',
    'side.tab.profile': 'Profile',
    'side.tab.assist': 'Suggestions',
    'side.collapse': 'Collapse the side panel',
    'side.expand': 'Expand the side panel',
    'assist.title': 'Knowledge-base suggestions',
    'assist.question': 'Customer’s latest question',
    'assist.noQuestion': 'The customer has not asked anything yet. Matching knowledge-base answers appear here once they write.',
    'assist.loading': 'Looking for matching answers…',
    'assist.empty': 'The knowledge base has no answer for this question.',
    'assist.kbEmpty': 'The knowledge base is empty. Once it has questions and answers, answers matching the customer’s question appear here.',
    'assist.kbManage': 'Add knowledge',
    'assist.error': 'Suggestions are not available right now ({message}).',
    'assist.retry': 'Try again',
    'assist.results': 'Suggested answers',
    'assist.insert': 'Insert',
    'assist.insertHint': 'Insert the answer at the reply box’s cursor; you can edit it before sending',
    'assist.insertClosed': 'The chat has ended; answers can no longer be inserted',
    'assist.more': 'Show all',
    'assist.less': 'Show less',
    'assist.confidence': '{n}% match',
    'assist.category': 'Category: {category}',
  },
};

export type AssistT = Translate<AssistKey>;

export function assistTranslator(lang: Lang): AssistT {
  return translator(messages, lang);
}

export function useAssistT(lang: Lang): AssistT {
  return useMemo(() => assistTranslator(lang), [lang]);
}
