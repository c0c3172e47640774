// Simplified Chinese first, English on the switch. `t(key)` for the chrome; data carries
// its own name_zh / name_en, read with `pick(obj, 'name')`.
import { state } from './store.js';

const zh = {
  snap: '随手拍', site: '集宁区政务服务', home: '首页', report: '我要反映', requests: '我的办件', appointments: '我的预约',
  grid: '找网格', inbox: '工作台', dashboard: '指挥中心', signin: '登录', signout: '退出', lang: 'English',
  care: '长辈版', careOff: '标准版', skip: '跳到主要内容', search: '搜索办事事项', searchHint: '用大白话搜,如"低保""办居住证"',
  lifeEvents: '按人生大事办', certificates: '社区证明', mayIssue: '社区可以开具', mayNotIssue: '社区不再开具(无需证明)',
  noResults: '没有找到,换个说法试试', loading: '加载中…', conditions: '办理条件', materials: '所需材料(可勾选核对)',
  original: '原件', copy: '复印件', copies: '份', fee: '收费', promised: '承诺时限', legal: '法定时限', workdays: '个工作日',
  visits: '跑动次数', atMostOnce: '最多跑一次', online: '可网上办理', offline: '需到现场办理', centres: '办理地点',
  book: '预约办理', hours: '办公时间', closed: '休息', choose: '选择', centre: '服务中心', day: '日期', slot: '时段',
  seatsLeft: '剩余', noSlots: '当天不可预约', weekend: '周末休息', confirm: '确认预约', booked: '预约成功',
  code: '预约码', cancel: '取消预约', reschedule: '改约', cancelled: '已取消', homeVisit: '申请上门办理(行动不便)',
  homeVisitReason: '上门原因', address: '上门地址', signinFirst: '请先登录', describe: '请描述您遇到的问题',
  suggested: '系统判断类别', place: '问题地点', pickOnMap: '在地图上点选位置', searchPlace: '搜索小区、楼栋或网格名',
  useMyLocation: '使用我的定位', leaveOut: '不提供地点', submit: '提交', submitted: '已提交', caseNumber: '受理编号',
  handler: '承办单位', dueBy: '办结期限', signBy: '签收期限', status: '状态', track: '办理进度', reply: '答复',
  rate: '评价', rateNow: '请对办理结果评价', comment: '意见(可选)', rated: '感谢您的评价', levels: ['非常不满意', '不满意', '基本满意', '满意', '非常满意'],
  gridIs: '您所在的网格', community: '社区', street: '街道', gridWorker: '网格员', phone: '联系电话', tapMap: '点地图或使用定位',
  sign: '签收', return: '退回', extend: '申请延期', start: '开始办理', replyAction: '答复', reason: '理由', days: '天数',
  text: '答复内容', rectifications: '整改', rates: '本月三率', response_rate: '响应率', resolution_rate: '解决率',
  satisfaction_rate: '满意率', queue: '待处理队列', openOrders: '在办工单分布', rankings: '本月排名', none: '暂无',
  whoAmI: '选择演示身份', localOnly: '本地演示环境:选择一个身份即可登录,令牌只保存在本标签页。', next: '下一步', back: '上一步',
  signinTitle: '登录', signinNote: '用手机号和密码登录;第一次来请在登录页注册,手机号会收到验证码。登录状态只保存在本标签页。', signinGo: '去登录',
  signinState: '登录请求已失效或不是从本页发起的,请重新登录', signinRefused: '登录未完成', signinExchange: '登录未完成,请重新登录',
  signinNetwork: '网络不通,请稍后再试', signinRole: '此账号还没有分配角色或单位,请联系管理员',
  placeChosen: '已选地点', noPlace: '未提供地点', composite: '综合得分', category: '类别', created: '提交时间',
  signinAs: '当前身份', allDone: '完成', actions: '操作', error: '出错了', retry: '重试', map: '集宁区地图',
  reportProblem: '反映问题', myGrid: '我的网格', item: '事项', back2: '返回', open: '查看', rectifying: '整改中',
  appointmentsNone: '您还没有预约', requestsNone: '您还没有反映过问题', step: '第{n}步,共{m}步', hotspots: '热点',
  newOrders: '待签收', overdue: '已超期', countdown: '剩余', minutes: '分钟',
  hotspotsLead: '同一类问题在短时间内集中反映(未诉先办)', openCoordinated: '统筹开单', reportsCount: '件反映',
  hotspotOpened: '已开单', coordinatedOrder: '统筹工单', hotspotRaisedAt: '发现时间', appeals: '申诉', appeal: '申诉',
  badRatings: '差评(可申诉)', appealReason: '申诉理由(至少5个字)', appealSent: '已申诉', upheld: '支持申诉', rejected: '驳回申诉',
  'approve-extension': '批准延期', close: '办结', reroute: '改派', note: '说明', level: '评价等级',
};

const en = {
  snap: 'Snap and report', site: 'Jining District Services', home: 'Home', report: 'Report a problem', requests: 'My requests', appointments: 'My appointments',
  grid: 'Find my grid', inbox: 'Workspace', dashboard: 'Command centre', signin: 'Sign in', signout: 'Sign out', lang: '中文',
  care: 'Care mode', careOff: 'Standard', skip: 'Skip to main content', search: 'Search services', searchHint: 'Plain words: "dibao", "residence permit"',
  lifeEvents: 'Life events', certificates: 'Community certificates', mayIssue: 'The community may issue', mayNotIssue: 'No longer issued (not needed)',
  noResults: 'Nothing found; try other words', loading: 'Loading…', conditions: 'Conditions', materials: 'Materials (a checklist)',
  original: 'original', copy: 'copy', copies: 'copies', fee: 'Fee', promised: 'Promised time', legal: 'Legal limit', workdays: 'working days',
  visits: 'Visits needed', atMostOnce: 'At most one visit', online: 'Can be done online', offline: 'In person', centres: 'Where',
  book: 'Book an appointment', hours: 'Hours', closed: 'closed', choose: 'Choose', centre: 'Service centre', day: 'Day', slot: 'Time',
  seatsLeft: 'seats left', noSlots: 'No appointments this day', weekend: 'Weekend', confirm: 'Confirm booking', booked: 'Booked',
  code: 'Booking code', cancel: 'Cancel', reschedule: 'Reschedule', cancelled: 'Cancelled', homeVisit: 'Ask for a home visit (limited mobility)',
  homeVisitReason: 'Why a home visit', address: 'Address', signinFirst: 'Please sign in first', describe: 'Describe the problem',
  suggested: 'Suggested category', place: 'Where', pickOnMap: 'Tap the map', searchPlace: 'Search a compound, building or grid',
  useMyLocation: 'Use my location', leaveOut: 'Leave it out', submit: 'Submit', submitted: 'Submitted', caseNumber: 'Case number',
  handler: 'Handled by', dueBy: 'Due by', signBy: 'Sign for by', status: 'Status', track: 'Track', reply: 'Reply',
  rate: 'Rate', rateNow: 'How were you served?', comment: 'Comment (optional)', rated: 'Thank you for your rating', levels: ['Very dissatisfied', 'Dissatisfied', 'Fair', 'Satisfied', 'Very satisfied'],
  gridIs: 'Your grid', community: 'Community', street: 'Street', gridWorker: 'Grid worker', phone: 'Phone', tapMap: 'Tap the map or use your location',
  sign: 'Sign for', return: 'Return', extend: 'Ask for extension', start: 'Start', replyAction: 'Reply', reason: 'Reason', days: 'Days',
  text: 'Reply text', rectifications: 'Rectifications', rates: 'Three rates this month', response_rate: 'Response', resolution_rate: 'Resolution',
  satisfaction_rate: 'Satisfaction', queue: 'Queue', openOrders: 'Open orders', rankings: 'Rankings this month', none: 'None',
  whoAmI: 'Choose a demo person', localOnly: 'Local demo stack: pick a person to sign in; the token stays in this tab only.', next: 'Next', back: 'Back',
  signinTitle: 'Sign in', signinNote: 'Sign in with your mobile number and password; first time here? Sign up on the sign-in page, a code is texted to your phone. You stay signed in in this tab only.', signinGo: 'Continue to sign-in',
  signinState: 'The sign-in request expired or did not start on this page; sign in again', signinRefused: 'Sign-in was not completed', signinExchange: 'Sign-in was not completed; sign in again',
  signinNetwork: 'The network is unreachable; try again', signinRole: 'This account has no role or unit yet; ask an administrator',
  placeChosen: 'Place', noPlace: 'No place given', composite: 'Composite', category: 'Category', created: 'Submitted',
  signinAs: 'Signed in as', allDone: 'Done', actions: 'Actions', error: 'Something went wrong', retry: 'Retry', map: 'Map of Jining District',
  reportProblem: 'Report a problem', myGrid: 'My grid', item: 'Service', back2: 'Back', open: 'Open', rectifying: 'Rectification in progress',
  appointmentsNone: 'No appointments yet', requestsNone: 'No requests yet', step: 'Step {n} of {m}', hotspots: 'Hotspots',
  newOrders: 'To sign', overdue: 'Overdue', countdown: 'left', minutes: 'min',
  hotspotsLead: 'Many reports of one kind in one place (acting before more residents complain)', openCoordinated: 'Open one order',
  reportsCount: 'reports', hotspotOpened: 'Order opened', coordinatedOrder: 'Coordinated order', hotspotRaisedAt: 'Raised',
  appeals: 'Appeals', appeal: 'Appeal',
  badRatings: 'Poor ratings (may be appealed)', appealReason: 'Why (at least 5 characters)', appealSent: 'Appealed', upheld: 'Uphold',
  rejected: 'Reject', 'approve-extension': 'Approve extension', close: 'Close', reroute: 'Re-route', note: 'Note', level: 'Level',
};

const STATUS = {
  submitted: ['受理', 'Received'], triaged: ['分类', 'Triaged'], dispatched: ['派单', 'Dispatched'], signed: ['签收', 'Signed'],
  in_progress: ['办理中', 'In progress'], started: ['办理', 'Started'], extension_requested: ['申请延期', 'Extension asked'],
  extended: ['已延期', 'Extended'], returned: ['退回', 'Returned'], replied: ['已答复', 'Replied'], closed: ['办结', 'Closed'],
  reopened: ['重办', 'Reopened'], rerouted: ['改派', 'Re-routed'], merged: ['合并', 'Merged'], rated: ['评价', 'Rated'],
  booked: ['已预约', 'Booked'], cancelled: ['已取消', 'Cancelled'], checked_in: ['已签到', 'Checked in'], completed: ['已办结', 'Completed'],
  no_show: ['未到', 'No-show'], rescheduled: ['已改约', 'Rescheduled'], escalated: ['督办', 'Escalated'],
  pending: ['待裁定', 'Pending'], upheld: ['申诉成立', 'Upheld'], rejected: ['申诉驳回', 'Rejected'],
};

export const t = (key, vars) => {
  let text = (state.lang === 'en' ? en : zh)[key] ?? key;
  if (vars && typeof text === 'string') for (const [k, v] of Object.entries(vars)) text = text.replace(`{${k}}`, v);
  return text;
};
export const pick = (obj, field = 'name') => (obj ? obj[`${field}_${state.lang}`] ?? obj[`${field}_zh`] ?? obj[field] : '');
export const statusName = (s) => (STATUS[s] ? STATUS[s][state.lang === 'en' ? 1 : 0] : s);

export function when(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(state.lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit',
  });
}
export function dayName(iso) {
  return new Date(`${iso}T12:00:00+08:00`).toLocaleDateString(state.lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai', weekday: 'short', month: 'numeric', day: 'numeric',
  });
}
export const percent = (x) => (x == null ? '—' : `${Math.round(x * 1000) / 10}%`);
