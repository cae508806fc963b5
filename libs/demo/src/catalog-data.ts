import type { BaseLibrary, ShareType, OpenType, SecurityGrade, UpdateCycle } from '@govdata/domain';

/**
 * The demo catalog's raw material: what the departments of 朔州市 really hold. Item lists are the 信息项 of each
 * resource; types are inferred from the names (日期 → date, 金额 → decimal …) by the seeder.
 */

/** Lead departments (第六条). */
export const DEMO_BASE_LEADS: Record<BaseLibrary, string> = {
  population: 'gaj',
  legal_entity: 'scjgj',
  public_credit: 'fgw',
  macro_economy: 'tjj',
  geospatial: 'zrzyj',
  e_license: 'xzspj',
};
export const DEMO_THEMATIC_LEADS: Record<string, string> = {
  社会保障主题库: 'rsj',
  医疗健康主题库: 'wjw',
  生态环境主题库: 'sthjj',
  应急管理主题库: 'yjj',
  营商环境主题库: 'fgw',
};

export interface ResourceTemplate {
  dept: string;
  name: string;
  library?: string;
  items: string[];
  summary?: string;
  cycle?: UpdateCycle;
  share?: ShareType;
  open?: OpenType;
  grade?: SecurityGrade;
  /** 采集依据 (第十条) */
  basis?: string;
  /** planted 一数一源 case (the collector), for tests and the demo */
  planted?: boolean;
  /** the department source a planted case copies: published early, never a draft */
  plantedSource?: boolean;
}

const P = ['姓名', '公民身份号码'];
const E = ['企业名称', '统一社会信用代码'];

/** Base-library resources (基础库), maintained by their lead departments. */
export const BASE_RESOURCES: ResourceTemplate[] = [
  { dept: 'gaj', library: 'population', name: '人口基本信息', cycle: 'daily', share: 'conditional', grade: 'important', basis: '《中华人民共和国户口登记条例》第四条、《中华人民共和国居民身份证法》', items: [...P, '性别', '民族', '出生日期', '出生地', '籍贯', '户籍地址', '现住址', '婚姻状况', '文化程度', '兵役状况', '户号', '与户主关系', '户主姓名', '联系电话'], summary: '全市户籍人口和登记的流动人口的基本身份信息，是人口基础库的核心资源。' },
  { dept: 'gaj', library: 'population', name: '户籍迁移信息', cycle: 'daily', share: 'conditional', grade: 'important', basis: '《中华人民共和国户口登记条例》第十条', items: [...P, '迁移类型', '迁出地', '迁入地', '迁移日期', '迁移原因', '准迁证编号', '承办机关'] },
  { dept: 'gaj', library: 'population', name: '出生登记信息', cycle: 'daily', share: 'conditional', grade: 'important', items: [...P, '申报人姓名', '出生证明编号', '登记日期', '登记机关', '监护人姓名'] },
  { dept: 'gaj', library: 'population', name: '死亡注销户口信息', cycle: 'daily', share: 'conditional', grade: 'important', items: [...P, '死亡日期', '注销原因', '注销日期', '注销机关'] },
  { dept: 'gaj', library: 'population', name: '居民身份证制发信息', cycle: 'daily', share: 'conditional', grade: 'important', items: [...P, '证件签发机关', '有效期起始日期', '有效期截止日期', '申领原因', '受理日期'] },
  { dept: 'mzj', library: 'population', name: '婚姻登记信息', cycle: 'daily', share: 'conditional', items: ['男方姓名', '男方身份证号', '女方姓名', '女方身份证号', '登记类型', '登记日期', '结婚证字号', '登记机关'] },
  { dept: 'scjgj', library: 'legal_entity', name: '企业登记信息', cycle: 'realtime', share: 'unconditional', open: 'open', basis: '《中华人民共和国市场主体登记管理条例》', items: [...E, '法定代表人', '企业类型', '注册资本', '成立日期', '住所', '经营范围', '登记机关', '登记状态', '营业期限至', '核准日期'], summary: '全市各类企业的设立、变更、注销登记信息，法人单位基础库的主数据。' },
  { dept: 'scjgj', library: 'legal_entity', name: '个体工商户登记信息', cycle: 'realtime', share: 'unconditional', open: 'on_application', items: ['个体工商户名称', '统一社会信用代码', '经营者姓名', '组成形式', '经营场所', '经营范围', '注册日期', '登记状态'] },
  { dept: 'scjgj', library: 'legal_entity', name: '农民专业合作社登记信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['合作社名称', '统一社会信用代码', '法定代表人', '成员出资总额', '住所', '业务范围', '成立日期', '登记状态'] },
  { dept: 'scjgj', library: 'legal_entity', name: '市场主体年度报告信息', cycle: 'annual', share: 'unconditional', open: 'open', items: [...E, '报告年度', '从业人数', '资产总额', '营业总收入', '纳税总额', '网站网店信息', '报送日期'] },
  { dept: 'mzj', library: 'legal_entity', name: '社会组织登记信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['社会组织名称', '统一社会信用代码', '法定代表人', '组织类型', '业务主管单位', '注册资金', '住所', '成立登记日期', '登记状态'] },
  { dept: 'bwb', library: 'legal_entity', name: '机关事业单位登记信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['单位名称', '统一社会信用代码', '法定代表人', '单位类型', '宗旨和业务范围', '举办单位', '开办资金', '住所'] },
  { dept: 'fgw', library: 'public_credit', name: '公共信用综合评价信息', cycle: 'monthly', share: 'conditional', items: [...E, '评价年度', '信用等级', '评价得分', '评价日期'] },
  { dept: 'fgw', library: 'public_credit', name: '严重失信主体名单信息', cycle: 'daily', share: 'unconditional', open: 'open', items: [...E, '列入事由', '列入依据', '认定部门', '列入日期', '移出日期'] },
  { dept: 'fgw', library: 'public_credit', name: '信用修复信息', cycle: 'daily', share: 'unconditional', open: 'on_application', items: [...E, '修复事项', '原失信信息', '修复日期', '修复部门'] },
  { dept: 'fgw', library: 'public_credit', name: '守信激励对象名单信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: [...E, '激励类型', '认定部门', '认定日期', '有效期至'] },
  { dept: 'tjj', library: 'macro_economy', name: '地区生产总值统计信息', cycle: 'quarterly', share: 'unconditional', open: 'open', grade: 'general', items: ['统计期', '地区', '地区生产总值', '第一产业增加值', '第二产业增加值', '第三产业增加值', '同比增速'] },
  { dept: 'tjj', library: 'macro_economy', name: '规模以上工业统计信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['统计期', '行业', '工业增加值', '营业收入', '利润总额', '企业数量'] },
  { dept: 'tjj', library: 'macro_economy', name: '固定资产投资统计信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['统计期', '地区', '投资额', '项目数量', '同比增速'] },
  { dept: 'tjj', library: 'macro_economy', name: '居民收支统计信息', cycle: 'quarterly', share: 'unconditional', open: 'open', items: ['统计期', '城乡类别', '人均可支配收入', '人均消费支出', '同比增速'] },
  { dept: 'czj', library: 'macro_economy', name: '一般公共预算收支信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['统计期', '预算科目', '预算数', '执行数', '完成比例'] },
  { dept: 'zrzyj', library: 'geospatial', name: '基础地理信息', cycle: 'annual', share: 'conditional', grade: 'important', items: ['图幅号', '比例尺', '要素类别', '坐标系统', '测绘日期', '数据格式'] },
  { dept: 'zrzyj', library: 'geospatial', name: '国土空间规划信息', cycle: 'irregular', share: 'conditional', items: ['规划名称', '规划层级', '规划期限', '批复文号', '批复日期', '规划范围'] },
  { dept: 'zrzyj', library: 'geospatial', name: '土地利用现状信息', cycle: 'annual', share: 'conditional', items: ['图斑编号', '地类编码', '地类名称', '图斑面积', '权属性质', '坐落单位名称'] },
  { dept: 'bdcdj', library: 'geospatial', name: '不动产登记信息', cycle: 'realtime', share: 'conditional', grade: 'important', basis: '《不动产登记暂行条例》', items: ['不动产单元号', '不动产权证号', '权利人', '权利人证件号', '坐落', '建筑面积', '规划用途', '权利性质', '登记日期', '抵押状态'] },
  { dept: 'zrzyj', library: 'geospatial', name: '地名地址信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['地名代码', '标准名称', '地名类别', '所在政区', '经度', '纬度'] },
  { dept: 'xzspj', library: 'e_license', name: '电子营业执照信息', cycle: 'realtime', share: 'unconditional', open: 'on_application', items: [...E, '证照编号', '颁发日期', '证照状态', '发证机关'] },
  { dept: 'xzspj', library: 'e_license', name: '电子证照目录信息', cycle: 'realtime', share: 'conditional', items: ['证照类型', '证照编号', '持证主体', '持证主体代码', '颁发机构', '颁发日期', '有效期至', '证照状态'] },
  { dept: 'xzspj', library: 'e_license', name: '工程建设项目审批证照信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['项目代码', '项目名称', '证照类型', '证照编号', '建设单位', '颁发日期'] },
  { dept: 'gaj', library: 'e_license', name: '电子驾驶证信息', cycle: 'realtime', share: 'conditional', grade: 'important', items: [...P, '准驾车型', '初次领证日期', '有效期至', '驾驶证状态', '发证机关'] },
  { dept: 'mzj', library: 'e_license', name: '电子结婚证信息', cycle: 'daily', share: 'conditional', items: ['持证人姓名', '持证人身份证号', '证件字号', '登记日期', '登记机关'] },
];

/** Thematic-library resources (主题库), built jointly around one theme and maintained by the theme's lead. */
export const THEMATIC_RESOURCES: ResourceTemplate[] = [
  { dept: 'rsj', library: '社会保障主题库', name: '社会保障卡持卡人员信息', cycle: 'daily', share: 'conditional', grade: 'important', items: [...P, '社会保障卡号', '发卡日期', '卡状态', '发卡银行'] },
  { dept: 'rsj', library: '社会保障主题库', name: '社会救助对象汇总信息', cycle: 'monthly', share: 'conditional', items: [...P, '救助类型', '救助金额', '救助开始日期', '所属乡镇'] },
  { dept: 'rsj', library: '社会保障主题库', name: '养老保险待遇领取人员信息', cycle: 'monthly', share: 'conditional', grade: 'important', items: [...P, '待遇类型', '月待遇金额', '待遇开始日期', '领取状态'] },
  { dept: 'wjw', library: '医疗健康主题库', name: '居民电子健康档案信息', cycle: 'daily', share: 'conditional', grade: 'important', items: [...P, '档案编号', '建档日期', '责任医生', '慢病类型', '签约机构'] },
  { dept: 'wjw', library: '医疗健康主题库', name: '医疗机构执业登记信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['机构名称', '统一社会信用代码', '机构类别', '诊疗科目', '床位数', '执业许可证号', '有效期至'] },
  { dept: 'wjw', library: '医疗健康主题库', name: '医师执业注册信息', cycle: 'monthly', share: 'unconditional', open: 'on_application', items: [...P, '执业证书编码', '执业类别', '执业范围', '执业机构', '注册日期'] },
  { dept: 'sthjj', library: '生态环境主题库', name: '空气质量监测信息', cycle: 'realtime', share: 'unconditional', open: 'open', items: ['监测点位', '监测时间', 'PM2.5浓度', 'PM10浓度', '臭氧浓度', '空气质量指数', '首要污染物'] },
  { dept: 'sthjj', library: '生态环境主题库', name: '重点排污单位监测信息', cycle: 'daily', share: 'unconditional', open: 'open', items: [...E, '排放口编号', '污染物名称', '排放浓度', '排放限值', '监测时间'] },
  { dept: 'swuj', library: '生态环境主题库', name: '地表水水质监测信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['断面名称', '所在河流', '监测日期', '水质类别', '化学需氧量', '氨氮'] },
  { dept: 'yjj', library: '应急管理主题库', name: '安全生产许可企业信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: [...E, '许可证编号', '许可范围', '有效期至', '发证机关'] },
  { dept: 'yjj', library: '应急管理主题库', name: '应急救援物资储备信息', cycle: 'quarterly', share: 'conditional', grade: 'important', items: ['储备库名称', '物资名称', '物资类别', '储备数量', '计量单位', '储备地点'] },
  { dept: 'qxj', library: '应急管理主题库', name: '气象灾害预警信息', cycle: 'realtime', share: 'unconditional', open: 'open', items: ['预警编号', '预警类型', '预警级别', '发布时间', '影响区域', '防御指南'] },
  { dept: 'fgw', library: '营商环境主题库', name: '重点项目建设信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['项目代码', '项目名称', '建设单位', '总投资', '年度计划投资', '开工日期', '建设进度'] },
  { dept: 'fgw', library: '营商环境主题库', name: '惠企政策兑现信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: [...E, '政策名称', '兑现金额', '兑现日期', '兑现部门'] },
];

/** Department resources (部门资源) specific to each department's functions, with the planted duplicates. */
export const DEPARTMENT_RESOURCES: ResourceTemplate[] = [
  // 市公安局
  { dept: 'gaj', name: '机动车登记信息', cycle: 'realtime', share: 'conditional', grade: 'important', items: ['号牌号码', '号牌种类', '车辆识别代号', '车辆品牌型号', '车身颜色', '所有人姓名', '所有人身份证号', '初次登记日期', '机动车状态'] },
  { dept: 'gaj', name: '道路交通违法信息', cycle: 'daily', share: 'conditional', items: ['号牌号码', '违法时间', '违法地点', '违法行为', '罚款金额', '记分', '处理状态'] },
  { dept: 'gaj', name: '旅馆业住宿登记信息', cycle: 'realtime', share: 'conditional', grade: 'important', items: [...P, '旅馆名称', '房间号', '入住时间', '退房时间'] },
  { dept: 'gaj', name: '养犬登记信息', cycle: 'daily', share: 'unconditional', items: ['养犬人姓名', '犬只编号', '犬只品种', '免疫日期', '登记日期', '有效期至'] },
  { dept: 'gaj', name: '出入境证件办理信息', cycle: 'daily', share: 'conditional', grade: 'important', items: [...P, '证件类型', '证件号码', '签发日期', '有效期至', '受理单位'] },
  { dept: 'gaj', name: '居住证办理信息', cycle: 'daily', share: 'conditional', items: [...P, '居住证编号', '居住地址', '签发日期', '有效期至'] },
  // 市市场监督管理局
  { dept: 'scjgj', name: '行政处罚案件信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['处罚决定书文号', '当事人名称', '统一社会信用代码', '违法行为类型', '处罚依据', '处罚内容', '罚款金额', '处罚决定日期'] },
  { dept: 'scjgj', name: '食品生产经营许可信息', cycle: 'daily', share: 'unconditional', open: 'open', items: [...E, '许可证编号', '经营项目', '主体业态', '发证日期', '有效期至'] },
  { dept: 'scjgj', name: '特种设备使用登记信息', cycle: 'daily', share: 'conditional', items: ['设备类别', '设备代码', '使用单位', '使用登记证编号', '下次检验日期', '设备状态'] },
  { dept: 'scjgj', name: '经营异常名录信息', cycle: 'daily', share: 'unconditional', open: 'open', items: [...E, '列入原因', '列入日期', '作出决定机关', '移出原因', '移出日期'] },
  { dept: 'scjgj', name: '产品质量监督抽查信息', cycle: 'quarterly', share: 'unconditional', open: 'open', items: ['产品名称', '被抽查单位', '规格型号', '抽查日期', '抽查结果', '不合格项目'] },
  { dept: 'scjgj', name: '计量器具强制检定信息', cycle: 'monthly', share: 'unconditional', items: ['器具名称', '出厂编号', '使用单位', '检定日期', '检定结论', '有效期至'] },
  // 市人社局
  { dept: 'rsj', name: '社会保险参保信息', plantedSource: true, cycle: 'daily', share: 'conditional', grade: 'important', basis: '《中华人民共和国社会保险法》第五十八条', items: [...P, '个人编号', '参保险种', '参保日期', '缴费基数', '参保状态', '参保单位'] },
  { dept: 'rsj', name: '就业失业登记信息', cycle: 'daily', share: 'conditional', planted: true, items: [...P, '性别', '出生日期', '民族', '文化程度', '户籍地址', '联系电话', '就业状态', '登记日期', '用工单位'], summary: '城乡劳动者就业、失业登记信息。' },
  { dept: 'rsj', name: '职业技能等级证书信息', cycle: 'monthly', share: 'unconditional', open: 'on_application', items: [...P, '证书编号', '职业名称', '技能等级', '发证日期', '评价机构'] },
  { dept: 'rsj', name: '劳动保障监察案件信息', cycle: 'monthly', share: 'conditional', items: ['案件编号', '用人单位', '案由', '立案日期', '结案日期', '处理结果'] },
  { dept: 'rsj', name: '专业技术人员职称信息', cycle: 'annual', share: 'unconditional', open: 'on_application', items: [...P, '职称名称', '职称级别', '专业', '取得日期', '评审机构'] },
  { dept: 'rsj', name: '人力资源服务机构许可信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: [...E, '许可证编号', '服务范围', '发证日期', '有效期至'] },
  // 市医疗保障局
  { dept: 'ybj', name: '城乡居民医保参保信息', cycle: 'daily', share: 'conditional', grade: 'important', planted: true, items: [...P, '参保险种', '参保日期', '缴费基数', '参保状态', '所属乡镇'] },
  { dept: 'ybj', name: '医保定点医药机构信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['机构名称', '统一社会信用代码', '机构编码', '机构类别', '定点日期'] },
  { dept: 'ybj', name: '医疗费用结算信息', cycle: 'daily', share: 'conditional', grade: 'important', items: [...P, '就诊机构', '结算日期', '医疗总费用', '统筹支付金额', '个人支付金额'] },
  { dept: 'ybj', name: '门诊慢特病待遇认定信息', cycle: 'monthly', share: 'conditional', items: [...P, '病种名称', '认定日期', '待遇有效期至', '定点机构'] },
  // 市教育局
  { dept: 'jyj', name: '学生学籍信息', cycle: 'monthly', share: 'conditional', grade: 'important', planted: true, items: ['学籍号', '姓名', '身份证件号码', '性别', '出生日期', '民族', '户口所在地', '现住址', '就读学校', '年级', '班级'] },
  { dept: 'jyj', name: '学校基本信息', cycle: 'annual', share: 'unconditional', open: 'open', items: ['学校名称', '学校标识码', '办学类型', '举办者', '在校生数', '教职工数', '校址'] },
  { dept: 'jyj', name: '教师资格认定信息', cycle: 'monthly', share: 'unconditional', open: 'on_application', items: [...P, '资格种类', '任教学科', '证书编号', '认定日期', '认定机构'] },
  { dept: 'jyj', name: '学生资助发放信息', cycle: 'semiannual', share: 'conditional', items: [...P, '资助项目', '资助金额', '发放日期', '就读学校'] },
  { dept: 'jyj', name: '民办学校办学许可信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['学校名称', '统一社会信用代码', '办学许可证号', '办学层次', '有效期至'] },
  // 国家税务总局朔州市税务局
  { dept: 'swj', name: '纳税人登记信息', cycle: 'daily', share: 'conditional', grade: 'important', planted: true, basis: '《中华人民共和国税收征收管理法》第十五条', items: ['纳税人识别号', '纳税人名称', '信用代码', '法人代表', '注册资金', '设立日期', '注册地址', '经营范围', '登记注册类型', '主管税务机关'] },
  { dept: 'swj', name: '纳税信用等级信息', cycle: 'annual', share: 'unconditional', open: 'open', items: ['纳税人识别号', '纳税人名称', '评价年度', '信用等级'] },
  { dept: 'swj', name: '欠税公告信息', cycle: 'quarterly', share: 'unconditional', open: 'open', items: ['纳税人名称', '纳税人识别号', '欠税税种', '欠税余额', '公告日期'] },
  { dept: 'swj', name: '重大税收违法失信案件信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['纳税人名称', '纳税人识别号', '案件性质', '主要违法事实', '处罚情况', '公布日期'] },
  { dept: 'swj', name: '个人所得税纳税信息', cycle: 'monthly', share: 'none', grade: 'core', items: [...P, '所属期', '收入额', '应纳税额', '已缴税额', '扣缴义务人'] },
  // 市住房和城乡建设局
  { dept: 'zjj', name: '建筑业企业资质信息', cycle: 'monthly', share: 'unconditional', open: 'open', planted: true, items: ['企业名称', '统一社会信用代码', '法定代表人', '注册资本', '成立日期', '企业地址', '资质类别', '资质等级', '证书编号', '有效期至'] },
  { dept: 'zjj', name: '商品房预售许可信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['预售许可证号', '项目名称', '开发企业', '预售面积', '预售套数', '发证日期'] },
  { dept: 'zjj', name: '建设工程施工许可信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['施工许可证编号', '项目名称', '建设单位', '施工单位', '合同价格', '发证日期'] },
  { dept: 'zjj', name: '房屋网签备案信息', cycle: 'realtime', share: 'conditional', grade: 'important', items: ['合同编号', '买受人姓名', '买受人证件号', '房屋坐落', '房屋建筑面积', '成交价格', '备案日期'] },
  { dept: 'zjj', name: '保障性住房分配信息', cycle: 'monthly', share: 'conditional', items: [...P, '保障方式', '房源地址', '分配日期', '租金标准'] },
  // 市民政局
  { dept: 'mzj', name: '最低生活保障对象信息', cycle: 'monthly', share: 'conditional', grade: 'important', items: [...P, '保障类型', '保障人数', '月保障金额', '审批日期', '所属乡镇'] },
  { dept: 'mzj', name: '特困人员救助供养信息', cycle: 'monthly', share: 'conditional', items: [...P, '供养方式', '供养标准', '认定日期', '供养机构'] },
  { dept: 'mzj', name: '养老机构信息', cycle: 'quarterly', share: 'unconditional', open: 'open', items: ['机构名称', '统一社会信用代码', '床位数', '收住人数', '机构地址', '备案日期'] },
  { dept: 'mzj', name: '殡葬服务信息', cycle: 'daily', share: 'conditional', items: ['逝者姓名', '逝者身份证号', '火化日期', '殡仪馆名称', '火化证明编号'] },
  { dept: 'mzj', name: '残疾人两项补贴发放信息', cycle: 'monthly', share: 'conditional', items: [...P, '补贴类型', '补贴金额', '发放月份'] },
  // 市卫生健康委员会
  { dept: 'wjw', name: '出生医学证明信息', cycle: 'daily', share: 'conditional', grade: 'important', items: ['新生儿姓名', '性别', '出生日期', '出生医学证明编号', '分娩机构', '母亲姓名', '母亲身份证号', '父亲姓名', '签发日期'] },
  { dept: 'wjw', name: '预防接种信息', cycle: 'daily', share: 'conditional', grade: 'important', items: [...P, '疫苗名称', '接种剂次', '接种日期', '接种单位', '疫苗批号'] },
  { dept: 'wjw', name: '护士执业注册信息', cycle: 'monthly', share: 'unconditional', open: 'on_application', items: [...P, '执业证书编号', '执业机构', '注册日期', '有效期至'] },
  { dept: 'wjw', name: '公共场所卫生许可信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['单位名称', '统一社会信用代码', '许可项目', '许可证号', '有效期至'] },
  // 市自然资源局
  { dept: 'zrzyj', name: '建设用地审批信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['批复文号', '项目名称', '用地面积', '用地性质', '批复日期'] },
  { dept: 'zrzyj', name: '采矿权登记信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['采矿许可证号', '矿山名称', '采矿权人', '开采矿种', '矿区面积', '有效期至'] },
  { dept: 'zrzyj', name: '建设工程规划许可信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['许可证编号', '项目名称', '建设单位', '建设规模', '发证日期'] },
  // 市不动产登记中心
  { dept: 'bdcdj', name: '不动产抵押登记信息', cycle: 'realtime', share: 'conditional', grade: 'important', items: ['不动产单元号', '抵押权人', '抵押人', '被担保债权数额', '债务履行期限', '登记日期'] },
  { dept: 'bdcdj', name: '不动产查封登记信息', cycle: 'realtime', share: 'conditional', items: ['不动产单元号', '查封机关', '查封文号', '查封期限', '登记日期'] },
  // 市交通运输局
  { dept: 'jtj', name: '道路运输经营许可信息', cycle: 'daily', share: 'unconditional', open: 'open', items: [...E, '许可证号', '经营范围', '发证日期', '有效期至'] },
  { dept: 'jtj', name: '营运车辆道路运输证信息', cycle: 'daily', share: 'conditional', items: ['号牌号码', '道路运输证号', '业户名称', '经营范围', '核发日期', '年审日期'] },
  { dept: 'jtj', name: '公交线路及站点信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['线路名称', '起点站', '终点站', '站点名称', '首班时间', '末班时间'] },
  { dept: 'jtj', name: '从业人员资格证信息', cycle: 'monthly', share: 'unconditional', open: 'on_application', items: [...P, '从业资格类别', '证件号码', '初领日期', '有效期至'] },
  // 市生态环境局
  { dept: 'sthjj', name: '排污许可证信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: [...E, '许可证编号', '行业类别', '主要污染物', '有效期至'] },
  { dept: 'sthjj', name: '建设项目环评审批信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['项目名称', '建设单位', '审批文号', '审批日期', '环评类别'] },
  { dept: 'sthjj', name: '环境行政处罚信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['处罚决定书文号', '当事人名称', '统一社会信用代码', '违法事实', '罚款金额', '处罚决定日期'] },
  // 市应急管理局
  { dept: 'yjj', name: '危险化学品经营许可信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: [...E, '许可证编号', '经营方式', '许可范围', '有效期至'] },
  { dept: 'yjj', name: '生产安全事故信息', cycle: 'irregular', share: 'conditional', grade: 'important', items: ['事故名称', '发生时间', '发生地点', '事故类型', '死亡人数', '受伤人数', '直接经济损失'] },
  { dept: 'yjj', name: '煤矿安全监管信息', cycle: 'monthly', share: 'conditional', grade: 'important', items: ['煤矿名称', '统一社会信用代码', '生产能力', '监管类别', '检查日期', '隐患数量'] },
  // 市发展和改革委员会
  { dept: 'fgw', name: '企业投资项目备案信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['项目代码', '项目名称', '项目单位', '建设地点', '总投资', '备案日期'] },
  { dept: 'fgw', name: '政府定价目录信息', cycle: 'irregular', share: 'unconditional', open: 'open', items: ['定价项目', '定价内容', '定价部门', '定价依据', '执行日期'] },
  // 市财政局
  { dept: 'czj', name: '政府采购项目信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['项目编号', '项目名称', '采购单位', '采购方式', '预算金额', '中标金额', '中标供应商'] },
  { dept: 'czj', name: '惠民惠农补贴资金发放信息', cycle: 'monthly', share: 'conditional', grade: 'important', items: [...P, '补贴项目', '补贴金额', '发放日期', '发放银行'] },
  // 市司法局
  { dept: 'sfj', name: '律师执业信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: [...P, '执业证号', '执业机构', '执业类别', '发证日期'] },
  { dept: 'sfj', name: '公证机构及公证员信息', cycle: 'quarterly', share: 'unconditional', open: 'open', items: ['机构名称', '公证员姓名', '执业证号', '执业区域'] },
  { dept: 'sfj', name: '社区矫正对象信息', cycle: 'daily', share: 'none', grade: 'core', items: [...P, '矫正类别', '矫正期限', '起始日期', '执行地'] },
  { dept: 'sfj', name: '人民调解案件信息', cycle: 'monthly', share: 'conditional', items: ['案件编号', '纠纷类型', '调解组织', '受理日期', '调解结果'] },
  // 市农业农村局
  { dept: 'nyncj', name: '耕地地力保护补贴信息', cycle: 'annual', share: 'conditional', items: [...P, '补贴面积', '补贴标准', '补贴金额', '所属村'] },
  { dept: 'nyncj', name: '农药经营许可信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: [...E, '许可证号', '经营范围', '有效期至'] },
  { dept: 'nyncj', name: '家庭农场名录信息', cycle: 'quarterly', share: 'unconditional', open: 'open', items: ['家庭农场名称', '经营者', '经营类型', '经营面积', '所属乡镇'] },
  { dept: 'nyncj', name: '动物防疫条件合格证信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['单位名称', '证书编号', '经营范围', '发证日期'] },
  // 市水务局
  { dept: 'swuj', name: '取水许可信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['取水权人', '取水许可证号', '取水地点', '取水量', '有效期至'] },
  { dept: 'swuj', name: '水利工程基本信息', cycle: 'annual', share: 'unconditional', open: 'on_application', items: ['工程名称', '工程类别', '所在河流', '设计规模', '管理单位'] },
  // 市文化和旅游局
  { dept: 'whlyj', name: 'A级旅游景区信息', cycle: 'quarterly', share: 'unconditional', open: 'open', items: ['景区名称', '景区等级', '所在地址', '开放时间', '评定日期'] },
  { dept: 'whlyj', name: '旅行社经营许可信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: [...E, '许可证号', '经营范围', '发证日期'] },
  { dept: 'whlyj', name: '文物保护单位信息', cycle: 'annual', share: 'unconditional', open: 'open', items: ['文物名称', '保护级别', '年代', '所在地址', '公布批次'] },
  // 市商务局
  { dept: 'shangwuj', name: '对外贸易经营者备案信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: [...E, '备案登记表编号', '经营者类型', '备案日期'] },
  { dept: 'shangwuj', name: '单用途商业预付卡备案信息', cycle: 'quarterly', share: 'unconditional', items: [...E, '发卡类型', '备案日期', '预收资金余额'] },
  // 市工业和信息化局
  { dept: 'gxj', name: '专精特新中小企业信息', cycle: 'annual', share: 'unconditional', open: 'open', items: [...E, '认定类型', '主导产品', '认定年度'] },
  { dept: 'gxj', name: '工业企业能耗信息', cycle: 'monthly', share: 'conditional', grade: 'important', items: [...E, '统计期', '综合能耗', '单位产值能耗'] },
  // 市退役军人事务局
  { dept: 'tyjrj', name: '退役军人基本信息', cycle: 'monthly', share: 'conditional', grade: 'important', items: [...P, '入伍日期', '退役日期', '退役类别', '安置方式'] },
  { dept: 'tyjrj', name: '优抚对象抚恤补助信息', cycle: 'monthly', share: 'conditional', items: [...P, '优抚类别', '补助标准', '发放月份'] },
  // 市行政审批服务管理局
  { dept: 'xzspj', name: '政务服务事项办件信息', cycle: 'realtime', share: 'conditional', items: ['办件编号', '事项名称', '申请人名称', '受理日期', '办结日期', '办理结果'] },
  { dept: 'xzspj', name: '“好差评”评价信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['评价编号', '事项名称', '评价渠道', '评价等级', '评价时间'] },
  // 市能源局
  { dept: 'nyj', name: '煤矿生产能力核定信息', cycle: 'annual', share: 'unconditional', open: 'open', items: ['煤矿名称', '统一社会信用代码', '核定生产能力', '核定日期'] },
  { dept: 'nyj', name: '新能源项目建设信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['项目名称', '项目类型', '装机容量', '建设单位', '并网日期'] },
  // 市林业局
  { dept: 'lyj', name: '林木采伐许可信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['许可证号', '采伐地点', '采伐树种', '采伐蓄积', '发证日期'] },
  { dept: 'lyj', name: '森林资源二类调查信息', cycle: 'annual', share: 'conditional', items: ['小班号', '林地类型', '优势树种', '面积', '蓄积量'] },
  // 市城市管理局
  { dept: 'cgj', name: '城市道路挖掘许可信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['许可编号', '申请单位', '挖掘地点', '挖掘期限', '批准日期'] },
  { dept: 'cgj', name: '户外广告设置许可信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['许可编号', '设置单位', '设置地点', '广告规格', '有效期至'] },
  // 市科学技术局
  { dept: 'kjj', name: '高新技术企业认定信息', cycle: 'annual', share: 'unconditional', open: 'open', items: [...E, '证书编号', '技术领域', '认定日期', '有效期至'] },
  { dept: 'kjj', name: '科技计划项目信息', cycle: 'quarterly', share: 'unconditional', open: 'on_application', items: ['项目编号', '项目名称', '承担单位', '资助金额', '起止日期'] },
  // 市住房公积金管理中心
  { dept: 'gjj', name: '住房公积金缴存信息', cycle: 'monthly', share: 'conditional', grade: 'important', items: [...P, '个人账号', '缴存单位', '月缴存额', '缴存状态', '账户余额'] },
  { dept: 'gjj', name: '住房公积金贷款信息', cycle: 'monthly', share: 'conditional', grade: 'important', items: [...P, '贷款编号', '贷款金额', '贷款期限', '发放日期', '还款状态'] },
  // 市气象局
  { dept: 'qxj', name: '气象观测数据', cycle: 'realtime', share: 'unconditional', open: 'open', items: ['站点编号', '观测时间', '气温', '降水量', '风向', '风速', '相对湿度'] },
  // 市公共资源交易中心
  { dept: 'ggzyjy', name: '工程建设招标投标信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['项目编号', '项目名称', '招标人', '招标方式', '中标人', '中标金额', '公示日期'] },
  { dept: 'ggzyjy', name: '土地使用权出让信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['宗地编号', '土地位置', '出让面积', '土地用途', '成交价格', '竞得人'] },
  // 市审计局、统计局、网信办、大数据中心、政府办
  { dept: 'sjj', name: '审计发现问题整改信息', cycle: 'semiannual', share: 'conditional', items: ['审计项目', '被审计单位', '问题类型', '整改要求', '整改状态'] },
  { dept: 'tjj', name: '人口抽样调查统计信息', cycle: 'annual', share: 'unconditional', open: 'open', items: ['调查年度', '地区', '常住人口', '出生率', '死亡率', '自然增长率'] },
  { dept: 'wxb', name: '关键信息基础设施名录', cycle: 'irregular', share: 'none', grade: 'core', items: ['设施名称', '运营单位', '所属行业', '认定日期', '保护级别'] },
  { dept: 'dsjzx', name: '政务数据共享调用统计信息', cycle: 'daily', share: 'unconditional', open: 'on_application', items: ['接口名称', '调用部门', '调用日期', '调用次数', '成功率'] },
  { dept: 'szfb', name: '政府文件信息', cycle: 'irregular', share: 'unconditional', open: 'open', items: ['文件标题', '发文字号', '成文日期', '发布日期', '文件类别', '有效性'] },
  { dept: 'szfb', name: '12345热线诉求办理信息', cycle: 'daily', share: 'conditional', items: ['工单编号', '诉求类型', '诉求内容', '承办单位', '受理时间', '办结时间', '满意度'] },
];

/** Topic words that make the generic resource names read naturally (公安行政许可信息 …). */
export const DEPARTMENT_TOPICS: Record<string, string> = {
  szfb: '政府办', gaj: '公安', scjgj: '市场监管', rsj: '人社', zrzyj: '自然资源', wjw: '卫生健康', mzj: '民政', zjj: '住房城乡建设', swj: '税务', jyj: '教育',
  jtj: '交通运输', sthjj: '生态环境', yjj: '应急管理', ybj: '医疗保障', bdcdj: '不动产登记', fgw: '发展改革', czj: '财政', sfj: '司法行政', nyncj: '农业农村', swuj: '水务',
  whlyj: '文化旅游', tjj: '统计', sjj: '审计', shangwuj: '商务', gxj: '工业信息化', tyjrj: '退役军人', xzspj: '行政审批', nyj: '能源', lyj: '林业', cgj: '城市管理',
  kjj: '科技', gjj: '住房公积金', qxj: '气象', ggzyjy: '公共资源交易', bwb: '机构编制', wxb: '网信', dsjzx: '大数据', scq: '朔城区', plq: '平鲁区', hrs: '怀仁市', syx: '山阴县', yx: '应县', yyx: '右玉县',
};

/** Resources every department keeps about its own acts, in the nationally uniform formats (双公示 …). */
export const GENERIC_RESOURCES: Omit<ResourceTemplate, 'dept'>[] = [
  { name: '行政许可信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['行政相对人名称', '行政相对人代码', '许可决定文书号', '许可类别', '许可内容', '许可决定日期', '有效期自', '有效期至', '许可机关'] },
  { name: '行政处罚信息', cycle: 'daily', share: 'unconditional', open: 'open', items: ['行政相对人名称', '行政相对人代码', '处罚决定书文号', '违法行为类型', '违法事实', '处罚依据', '处罚类别', '罚款金额', '处罚决定日期', '处罚机关'] },
  { name: '权责清单信息', cycle: 'irregular', share: 'unconditional', open: 'open', items: ['事项编码', '权力名称', '权力类型', '实施依据', '责任事项', '追责情形'] },
  { name: '政务服务事项目录信息', cycle: 'irregular', share: 'unconditional', open: 'open', items: ['事项编码', '事项名称', '事项类型', '办理时限', '收费标准', '办理地点'] },
  { name: '“双随机、一公开”抽查结果信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['抽查计划编号', '检查对象名称', '检查对象代码', '抽查事项', '检查日期', '检查结果'] },
  { name: '投诉举报办理信息', cycle: 'daily', share: 'conditional', items: ['受理编号', '受理渠道', '投诉内容', '受理日期', '办结日期', '处理结果'] },
  { name: '信用承诺信息', cycle: 'monthly', share: 'unconditional', open: 'open', items: ['承诺主体名称', '承诺主体代码', '承诺类型', '承诺内容', '承诺日期', '履约状态'] },
  { name: '行政执法人员信息', cycle: 'quarterly', share: 'unconditional', open: 'on_application', items: ['执法人员姓名', '执法证号', '执法类别', '执法区域', '发证日期'] },
  { name: '政府信息公开信息', cycle: 'irregular', share: 'unconditional', open: 'open', items: ['信息索引号', '信息标题', '发布机构', '发布日期', '公开方式'] },
  { name: '专项资金使用信息', cycle: 'quarterly', share: 'conditional', open: 'on_application', items: ['资金名称', '资金来源', '预算金额', '执行金额', '使用单位', '执行期间'] },
  { name: '固定资产信息', cycle: 'annual', share: 'conditional', items: ['资产编号', '资产名称', '资产分类', '原值', '取得日期', '使用部门'] },
  { name: '统计报表信息', cycle: 'monthly', share: 'unconditional', open: 'on_application', items: ['报表名称', '统计期', '指标名称', '指标值', '填报日期'] },
  { name: '应急预案信息', cycle: 'irregular', share: 'conditional', items: ['预案名称', '预案类别', '适用范围', '发布日期', '修订日期'] },
  { name: '建议提案办理信息', cycle: 'annual', share: 'unconditional', open: 'open', items: ['建议提案编号', '标题', '提出人', '主办单位', '办理结果', '答复日期'] },
];

/** Resources of the county governments (第四条: their own data-resource management). */
export const COUNTY_RESOURCES: Omit<ResourceTemplate, 'dept'>[] = [
  { name: '乡村振兴项目信息', cycle: 'quarterly', share: 'unconditional', open: 'open', items: ['项目名称', '项目类型', '实施地点', '投资金额', '实施年度', '项目进度'] },
  { name: '网格化社会治理事件信息', cycle: 'daily', share: 'conditional', items: ['事件编号', '事件类型', '所属网格', '上报时间', '处置时间', '处置结果'] },
  { name: '村（社区）基本信息', cycle: 'annual', share: 'unconditional', open: 'open', items: ['村社区名称', '行政区划代码', '户数', '人口数', '党组织书记'] },
  { name: '农村集体资产信息', cycle: 'annual', share: 'conditional', items: ['集体经济组织名称', '资产类别', '资产金额', '清查日期'] },
  { name: '防汛抗旱责任人信息', cycle: 'annual', share: 'unconditional', open: 'open', items: ['责任区域', '责任人', '职务', '责任类别'] },
];
