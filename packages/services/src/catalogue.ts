export type ServiceCategory =
  | 'household'
  | 'id-card'
  | 'exit-entry'
  | 'vehicle'
  | 'driver'
  | 'traffic-violation'
  | 'public-order';
export type ServiceChannel = 'window' | 'kiosk' | 'online' | 'home';
export type ServiceGroup = 'A' | 'B' | 'C' | 'D' | 'E';

/** One field of an item's application form, as an Open311 GeoReport v2 attribute. */
export interface ServiceAttribute {
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  description: string;
  order: number;
  values?: { key: string; name: string }[];
}

export interface DemoServiceItem {
  /** Category prefix and number, e.g. 'HJ-001'. */
  code: string;
  name: string;
  nameEn: string;
  category: ServiceCategory;
  /** 即办件 (done on the spot) or 承诺件 (done within the promised limit). */
  kind: 'immediate' | 'promised';
  statutoryDays: number;
  /** ≤ statutoryDays; 0 for immediate items. */
  promisedDays: number;
  expeditedDays: number | null;
  materials: string[];
  feeYuan: number;
  channels: ServiceChannel[];
  /** Only the county centre's hall handles it. */
  centreOnly: boolean;
  /** Queue and appointment group: A 户籍+身份证, B 出入境, C 车驾管, D 交通违法, E 治安. */
  group: ServiceGroup;
  attributes: ServiceAttribute[];
}

type Field = Omit<ServiceAttribute, 'order'>;
const list = (...pairs: [string, string][]) => pairs.map(([key, name]) => ({ key, name }));

const FIELDS = {
  idNumber: { code: 'id_number', datatype: 'string', required: true, description: '申请人公民身份号码' },
  phone: { code: 'phone', datatype: 'string', required: true, description: '联系电话' },
  address: { code: 'household_address', datatype: 'text', required: true, description: '户籍地址' },
  reason: { code: 'reason', datatype: 'text', required: false, description: '申请事由' },
  relation: {
    code: 'relation',
    datatype: 'singlevaluelist',
    required: true,
    description: '与户主关系',
    values: list(['spouse', '配偶'], ['child', '子女'], ['parent', '父母'], ['other', '其他']),
  },
  delivery: {
    code: 'delivery',
    datatype: 'singlevaluelist',
    required: true,
    description: '领取方式',
    values: list(['pickup', '窗口领取'], ['post', '邮寄送达']),
  },
  homeAddress: { code: 'visit_address', datatype: 'text', required: true, description: '上门服务地址' },
  destination: {
    code: 'destination',
    datatype: 'singlevaluelist',
    required: true,
    description: '前往地',
    values: list(['hk', '香港'], ['mo', '澳门'], ['tw', '台湾'], ['abroad', '其他国家或地区']),
  },
  travelDate: { code: 'travel_date', datatype: 'datetime', required: false, description: '预计出行日期' },
  passportNumber: { code: 'document_number', datatype: 'string', required: true, description: '证件号码' },
  nationality: { code: 'nationality', datatype: 'string', required: true, description: '国籍' },
  lodging: { code: 'lodging_address', datatype: 'text', required: true, description: '住宿地址' },
  plate: { code: 'plate', datatype: 'string', required: true, description: '号牌号码' },
  vin: { code: 'vin', datatype: 'string', required: true, description: '车辆识别代号（VIN）' },
  vehicleType: {
    code: 'vehicle_type',
    datatype: 'singlevaluelist',
    required: true,
    description: '车辆类型',
    values: list(['small', '小型汽车'], ['large', '大型汽车'], ['motorcycle', '摩托车'], ['trailer', '挂车']),
  },
  licenceNumber: {
    code: 'licence_number',
    datatype: 'string',
    required: true,
    description: '驾驶证档案编号',
  },
  licenceClass: {
    code: 'licence_class',
    datatype: 'multivaluelist',
    required: true,
    description: '准驾车型',
    values: list(
      ['A1', 'A1'],
      ['A2', 'A2'],
      ['B1', 'B1'],
      ['B2', 'B2'],
      ['C1', 'C1'],
      ['C2', 'C2'],
      ['D', 'D'],
      ['E', 'E'],
    ),
  },
  decision: { code: 'decision_number', datatype: 'string', required: false, description: '处罚决定书编号' },
  violations: { code: 'violation_count', datatype: 'number', required: true, description: '待处理违法条数' },
  orgName: { code: 'organisation', datatype: 'string', required: true, description: '单位名称' },
  creditCode: { code: 'credit_code', datatype: 'string', required: true, description: '统一社会信用代码' },
  premises: { code: 'premises_address', datatype: 'text', required: true, description: '经营场所地址' },
  eventDate: { code: 'event_date', datatype: 'datetime', required: true, description: '活动开始时间' },
  attendance: {
    code: 'expected_attendance',
    datatype: 'number',
    required: true,
    description: '预计参加人数',
  },
} satisfies Record<string, Field>;
type FieldKey = keyof typeof FIELDS;

interface Row {
  name: string;
  en: string;
  /** Statutory limit in working days; promised and expedited limits make it a 承诺件. */
  days: number;
  promised?: number;
  expedited?: number;
  fee?: number;
  channels?: ServiceChannel[];
  centreOnly?: boolean;
  materials: string[];
  fields?: FieldKey[];
}

interface Section {
  prefix: string;
  category: ServiceCategory;
  group: ServiceGroup;
  centreOnly: boolean;
  channels: ServiceChannel[];
  fields: FieldKey[];
  rows: Row[];
}

const ID = '居民身份证';
const BOOKLET = '居民户口簿';
const PHOTO = '近期免冠彩色照片（或现场采集）';
const FORM = '申请表（现场填写或网上预填）';
const VEH = '机动车登记证书';
const LIC = '机动车驾驶证';
const BIZ = '营业执照';

const household: Section = {
  prefix: 'HJ',
  category: 'household',
  group: 'A',
  centreOnly: false,
  channels: ['window', 'online'],
  fields: ['idNumber', 'phone', 'address'],
  rows: [
    {
      name: '户籍登记（立户、分户）',
      en: 'Household registration: new or split household',
      days: 20,
      promised: 5,
      materials: [ID, BOOKLET, '合法固定住所证明'],
      fields: ['reason'],
    },
    {
      name: '出生登记',
      en: 'Birth registration',
      days: 1,
      materials: ['出生医学证明', '父母居民身份证', BOOKLET, '结婚证'],
      fields: ['relation'],
    },
    {
      name: '收养登记入户',
      en: 'Registration of an adopted child',
      days: 20,
      promised: 5,
      materials: ['收养登记证', '收养人居民户口簿', '被收养人户籍证明'],
      fields: ['relation'],
    },
    {
      name: '非婚生育子女出生登记',
      en: 'Birth registration of a child born outside marriage',
      days: 20,
      promised: 10,
      materials: ['出生医学证明', '母亲居民身份证', BOOKLET],
      fields: ['relation'],
    },
    {
      name: '国（境）外出生人员入户',
      en: 'Registration of a child born abroad',
      days: 30,
      promised: 15,
      materials: ['境外出生证明及中文译本', '入境证件', '父母居民身份证', BOOKLET],
      fields: ['relation'],
    },
    {
      name: '夫妻投靠迁入',
      en: 'Move-in: joining a spouse',
      days: 20,
      promised: 5,
      materials: [ID, '结婚证', '投靠方居民户口簿'],
      fields: ['relation'],
    },
    {
      name: '子女投靠父母迁入',
      en: 'Move-in: children joining parents',
      days: 20,
      promised: 5,
      materials: [ID, '亲属关系证明', '被投靠方居民户口簿'],
      fields: ['relation'],
    },
    {
      name: '父母投靠子女迁入',
      en: 'Move-in: parents joining children',
      days: 20,
      promised: 5,
      materials: [ID, '亲属关系证明', '被投靠方居民户口簿'],
      fields: ['relation'],
    },
    {
      name: '购房落户',
      en: 'Move-in by home purchase',
      days: 20,
      promised: 5,
      materials: [ID, '不动产权证书', BOOKLET],
    },
    {
      name: '人才引进落户',
      en: 'Move-in under the talent scheme',
      days: 20,
      promised: 5,
      materials: [ID, '学历或职称证书', '劳动合同或单位证明'],
    },
    {
      name: '大中专院校学生户口迁移',
      en: 'Student household transfer',
      days: 20,
      promised: 3,
      materials: ['录取通知书或毕业证书', ID, BOOKLET],
    },
    {
      name: '跨省户口迁移（迁入地一站式办理）',
      en: 'Inter-provincial household transfer, one stop',
      days: 20,
      promised: 5,
      materials: [ID, BOOKLET, '迁入条件证明'],
    },
    {
      name: '省内户口迁移',
      en: 'Household transfer within the province',
      days: 1,
      materials: [ID, BOOKLET, '迁入条件证明'],
    },
    { name: '户口迁出', en: 'Move-out registration', days: 1, materials: [ID, BOOKLET, '准予迁入证明'] },
    {
      name: '死亡注销户口',
      en: 'Deregistration on death',
      days: 1,
      materials: ['死亡医学证明或火化证明', BOOKLET, '申报人居民身份证'],
    },
    {
      name: '出国（境）定居注销户口',
      en: 'Deregistration on settling abroad',
      days: 20,
      promised: 5,
      materials: ['境外定居证明', BOOKLET, ID],
    },
    { name: '入伍注销户口', en: 'Deregistration on enlistment', days: 1, materials: ['入伍通知书', BOOKLET] },
    {
      name: '退役士兵恢复户口',
      en: 'Household restoration on discharge from service',
      days: 20,
      promised: 3,
      materials: ['退出现役证明', '原户籍证明', ID],
    },
    {
      name: '姓名变更',
      en: 'Change of name',
      days: 20,
      promised: 10,
      materials: [ID, BOOKLET, '变更姓名申请书'],
      fields: ['reason'],
    },
    {
      name: '民族成份变更',
      en: 'Change of ethnicity',
      days: 30,
      promised: 20,
      materials: [ID, BOOKLET, '父母民族成份证明'],
      fields: ['reason'],
    },
    {
      name: '出生日期更正',
      en: 'Correction of date of birth',
      days: 30,
      promised: 20,
      materials: [ID, BOOKLET, '出生医学证明或原始档案'],
      fields: ['reason'],
    },
    {
      name: '户籍项目变更（文化程度、婚姻状况、服务处所）',
      en: 'Change of household register details',
      days: 1,
      materials: [ID, BOOKLET, '毕业证书、结婚证等证明'],
    },
    {
      name: '居民户口簿换领、补领',
      en: 'Household register booklet renewal or replacement',
      days: 1,
      materials: [ID, '原居民户口簿（换领时）'],
    },
    {
      name: '户籍证明开具',
      en: 'Household registration certificate',
      days: 1,
      materials: [ID, '用途说明'],
      fields: ['reason'],
    },
  ],
};

const idCard: Section = {
  prefix: 'SFZ',
  category: 'id-card',
  group: 'A',
  centreOnly: false,
  channels: ['window', 'home'],
  fields: ['idNumber', 'phone', 'delivery'],
  rows: [
    {
      name: '居民身份证首次申领',
      en: 'First resident ID card',
      days: 60,
      promised: 15,
      expedited: 7,
      fee: 20,
      materials: [BOOKLET, PHOTO, '监护人居民身份证（未满十六周岁）'],
    },
    {
      name: '居民身份证到期换领',
      en: 'Resident ID card renewal on expiry',
      days: 60,
      promised: 15,
      expedited: 7,
      fee: 20,
      materials: ['原居民身份证', BOOKLET, PHOTO],
    },
    {
      name: '居民身份证损坏换领',
      en: 'Resident ID card renewal when damaged',
      days: 60,
      promised: 15,
      expedited: 7,
      fee: 20,
      materials: ['损坏的居民身份证', BOOKLET, PHOTO],
    },
    {
      name: '居民身份证丢失补领',
      en: 'Resident ID card replacement when lost',
      days: 60,
      promised: 15,
      expedited: 7,
      fee: 40,
      materials: [BOOKLET, PHOTO],
    },
    {
      name: '居民身份证异地受理（跨省通办）',
      en: 'Resident ID card outside the home province',
      days: 60,
      promised: 20,
      fee: 20,
      materials: [BOOKLET, PHOTO],
      channels: ['window'],
    },
    {
      name: '临时居民身份证',
      en: 'Temporary resident ID card',
      days: 3,
      fee: 10,
      materials: [BOOKLET, PHOTO],
      channels: ['window'],
    },
    {
      name: '居民身份证领取',
      en: 'Resident ID card collection',
      days: 1,
      materials: ['受理回执', '本人或委托人居民身份证'],
      channels: ['window', 'online'],
    },
    {
      name: '居民身份证挂失',
      en: 'Report a lost resident ID card',
      days: 1,
      materials: [BOOKLET],
      channels: ['window', 'online'],
    },
    {
      name: '居民身份证指纹信息采集',
      en: 'Fingerprint capture for the ID card',
      days: 1,
      materials: [ID],
      channels: ['window'],
    },
    {
      name: '老年人、残疾人上门办证',
      en: 'ID card at home for the elderly and disabled',
      days: 60,
      promised: 15,
      fee: 20,
      materials: [BOOKLET, '行动不便情况说明'],
      channels: ['home'],
      fields: ['homeAddress'],
    },
    {
      name: '电子居民身份证（网证）开通',
      en: 'Electronic resident ID',
      days: 1,
      materials: [ID],
      channels: ['online', 'kiosk'],
    },
    {
      name: '身份证照片自助采集',
      en: 'Self-service ID photo capture',
      days: 1,
      materials: [ID],
      channels: ['kiosk'],
    },
  ],
};

const exitEntry: Section = {
  prefix: 'CRJ',
  category: 'exit-entry',
  group: 'B',
  centreOnly: true,
  channels: ['window', 'online'],
  fields: ['idNumber', 'phone', 'delivery'],
  rows: [
    {
      name: '普通护照首次申请',
      en: 'Ordinary passport, first issue',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 120,
      materials: [ID, PHOTO, FORM],
      fields: ['travelDate'],
    },
    {
      name: '普通护照换发',
      en: 'Ordinary passport renewal',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 120,
      materials: [ID, '原护照', PHOTO],
    },
    {
      name: '普通护照补发（遗失、被盗）',
      en: 'Ordinary passport replacement',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 120,
      materials: [ID, '遗失情况说明', PHOTO],
    },
    {
      name: '普通护照加注',
      en: 'Ordinary passport amendment',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 20,
      materials: [ID, '护照', '加注事项证明'],
      fields: ['passportNumber'],
    },
    {
      name: '往来港澳通行证首次申领',
      en: 'Hong Kong and Macao travel permit, first issue',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 60,
      materials: [ID, PHOTO, FORM],
      fields: ['destination'],
    },
    {
      name: '往来港澳通行证换发',
      en: 'Hong Kong and Macao travel permit renewal',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 60,
      materials: [ID, '原通行证', PHOTO],
    },
    {
      name: '往来港澳通行证补发',
      en: 'Hong Kong and Macao travel permit replacement',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 60,
      materials: [ID, '遗失情况说明', PHOTO],
    },
    {
      name: '赴港澳团队旅游签注',
      en: 'Hong Kong and Macao group tour endorsement',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 15,
      materials: [ID, '往来港澳通行证'],
      fields: ['destination', 'travelDate'],
    },
    {
      name: '赴港澳个人旅游签注',
      en: 'Hong Kong and Macao individual visit endorsement',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 15,
      materials: [ID, '往来港澳通行证'],
      fields: ['destination', 'travelDate'],
    },
    {
      name: '赴港澳签注自助办理',
      en: 'Hong Kong and Macao endorsement, self-service',
      days: 1,
      fee: 15,
      materials: [ID, '往来港澳通行证（电子）'],
      channels: ['kiosk'],
      fields: ['destination'],
    },
    {
      name: '赴港澳探亲签注',
      en: 'Hong Kong and Macao family visit endorsement',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 15,
      materials: [ID, '往来港澳通行证', '亲属关系证明'],
      fields: ['destination'],
    },
    {
      name: '赴港澳商务签注',
      en: 'Hong Kong and Macao business endorsement',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 15,
      materials: [ID, '往来港澳通行证', '单位商务证明'],
      fields: ['destination'],
    },
    {
      name: '往来台湾通行证首次申领',
      en: 'Taiwan travel permit, first issue',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 60,
      materials: [ID, PHOTO, FORM],
    },
    {
      name: '往来台湾通行证换发、补发',
      en: 'Taiwan travel permit renewal or replacement',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 60,
      materials: [ID, '原通行证或遗失说明', PHOTO],
    },
    {
      name: '赴台团队旅游签注',
      en: 'Taiwan group tour endorsement',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 15,
      materials: [ID, '往来台湾通行证'],
      fields: ['travelDate'],
    },
    {
      name: '赴台个人旅游签注',
      en: 'Taiwan individual visit endorsement',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 15,
      materials: [ID, '往来台湾通行证'],
      fields: ['travelDate'],
    },
    {
      name: '赴台探亲签注',
      en: 'Taiwan family visit endorsement',
      days: 15,
      promised: 7,
      expedited: 5,
      fee: 15,
      materials: [ID, '往来台湾通行证', '台湾亲属身份证明'],
    },
    {
      name: '出入境记录查询',
      en: 'Exit and entry record enquiry',
      days: 1,
      materials: [ID],
      fields: ['reason'],
    },
    {
      name: '外国人住宿登记',
      en: 'Lodging registration of foreign nationals',
      days: 1,
      centreOnly: false,
      materials: ['外国人护照', '住宿地房屋证明', '留宿人居民身份证'],
      fields: ['passportNumber', 'nationality', 'lodging'],
    },
    {
      name: '外国人签证延期、换发',
      en: 'Visa extension or reissue for foreign nationals',
      days: 15,
      promised: 7,
      fee: 160,
      materials: ['护照', PHOTO, '在华事由证明', '住宿登记证明'],
      fields: ['passportNumber', 'nationality'],
    },
    {
      name: '外国人工作类居留许可',
      en: 'Work residence permit for foreign nationals',
      days: 15,
      promised: 7,
      fee: 400,
      materials: ['护照', PHOTO, '外国人工作许可证', '住宿登记证明'],
      fields: ['passportNumber', 'nationality', 'lodging'],
    },
    {
      name: '港澳居民来往内地通行证换发、补发',
      en: 'Mainland travel permit for Hong Kong and Macao residents',
      days: 15,
      promised: 7,
      fee: 100,
      materials: ['港澳居民身份证', '原通行证或遗失说明', PHOTO],
      fields: ['passportNumber'],
    },
  ],
};

const vehicle: Section = {
  prefix: 'JDC',
  category: 'vehicle',
  group: 'C',
  centreOnly: true,
  channels: ['window', 'online'],
  fields: ['idNumber', 'phone', 'plate'],
  rows: [
    {
      name: '机动车注册登记',
      en: 'Motor vehicle registration',
      days: 2,
      fee: 120,
      materials: [ID, '机动车整车出厂合格证明', '购车发票', '交强险凭证', '车辆购置税完税证明'],
      fields: ['vin', 'vehicleType'],
    },
    {
      name: '新车登记（销售企业代办）',
      en: 'New car registration through the dealer',
      days: 2,
      fee: 120,
      channels: ['online'],
      materials: ['委托书', '机动车整车出厂合格证明', '购车发票'],
      fields: ['vin'],
    },
    {
      name: '机动车转移登记（本地过户）',
      en: 'Motor vehicle transfer of ownership',
      days: 2,
      fee: 10,
      materials: [ID, VEH, '机动车行驶证', '二手车销售发票'],
      fields: ['vin'],
    },
    {
      name: '机动车转入登记',
      en: 'Motor vehicle transfer in from another area',
      days: 2,
      fee: 120,
      materials: [ID, VEH, '机动车档案', '交强险凭证'],
      fields: ['vin', 'vehicleType'],
    },
    {
      name: '机动车转出登记',
      en: 'Motor vehicle transfer out',
      days: 2,
      materials: [ID, VEH, '机动车行驶证'],
    },
    {
      name: '机动车变更登记（车身颜色、发动机）',
      en: 'Motor vehicle change of particulars',
      days: 2,
      fee: 10,
      materials: [ID, VEH, '变更证明'],
      fields: ['vin'],
    },
    {
      name: '机动车抵押登记',
      en: 'Motor vehicle mortgage registration',
      days: 1,
      centreOnly: false,
      materials: [ID, VEH, '抵押合同'],
      fields: ['orgName'],
    },
    {
      name: '机动车解除抵押登记',
      en: 'Motor vehicle mortgage release',
      days: 1,
      centreOnly: false,
      materials: [ID, VEH, '解除抵押证明'],
    },
    {
      name: '机动车注销登记',
      en: 'Motor vehicle deregistration',
      days: 1,
      centreOnly: false,
      materials: [ID, VEH, '报废机动车回收证明'],
    },
    {
      name: '补领机动车号牌',
      en: 'Replacement number plates',
      days: 15,
      promised: 5,
      fee: 100,
      centreOnly: false,
      materials: [ID, '机动车行驶证'],
      fields: ['reason'],
    },
    {
      name: '换领机动车号牌',
      en: 'Renewal of number plates',
      days: 15,
      promised: 5,
      fee: 100,
      centreOnly: false,
      materials: [ID, '机动车行驶证', '原号牌'],
    },
    {
      name: '补领机动车行驶证',
      en: 'Replacement vehicle licence',
      days: 1,
      fee: 10,
      centreOnly: false,
      materials: [ID],
    },
    {
      name: '换领机动车行驶证',
      en: 'Renewal of the vehicle licence',
      days: 1,
      fee: 10,
      centreOnly: false,
      materials: [ID, '原机动车行驶证'],
    },
    {
      name: '补领机动车登记证书',
      en: 'Replacement vehicle registration certificate',
      days: 1,
      fee: 10,
      materials: [ID, '机动车行驶证'],
    },
    {
      name: '核发检验合格标志',
      en: 'Inspection compliance mark',
      days: 1,
      centreOnly: false,
      channels: ['online', 'kiosk', 'window'],
      materials: ['机动车行驶证', '交强险凭证', '车船税完税证明'],
    },
    {
      name: '申领临时行驶车号牌',
      en: 'Temporary driving plate',
      days: 1,
      fee: 5,
      centreOnly: false,
      materials: [ID, '机动车整车出厂合格证明', '交强险凭证'],
      fields: ['vin'],
    },
    {
      name: '六年免检车辆核发检验标志',
      en: 'Inspection mark for inspection-exempt cars',
      days: 1,
      centreOnly: false,
      channels: ['online', 'kiosk'],
      materials: ['机动车行驶证', '交强险凭证'],
    },
    {
      name: '机动车号牌选号',
      en: 'Number plate selection',
      days: 1,
      channels: ['online', 'window'],
      materials: [ID],
    },
    {
      name: '机动车所有人联系方式变更',
      en: 'Change of vehicle owner contact details',
      days: 1,
      centreOnly: false,
      channels: ['online', 'kiosk', 'window'],
      materials: [ID],
    },
    {
      name: '机动车档案查询',
      en: 'Motor vehicle record enquiry',
      days: 1,
      centreOnly: false,
      materials: [ID, '机动车行驶证'],
    },
    {
      name: '机动车质押备案',
      en: 'Motor vehicle pledge filing',
      days: 1,
      materials: [ID, VEH, '质押合同'],
      fields: ['orgName'],
    },
    {
      name: '校车标牌核发',
      en: 'School bus sign issue',
      days: 5,
      promised: 3,
      materials: ['校车使用许可', VEH, '校车驾驶人驾驶证'],
      fields: ['orgName', 'vin'],
    },
    {
      name: '机动车登记信息更正',
      en: 'Correction of vehicle registration details',
      days: 1,
      materials: [ID, VEH, '更正依据'],
      fields: ['reason'],
    },
    {
      name: '摩托车注册登记',
      en: 'Motorcycle registration',
      days: 2,
      fee: 55,
      centreOnly: false,
      materials: [ID, '整车出厂合格证明', '购车发票', '交强险凭证'],
      fields: ['vin', 'vehicleType'],
    },
  ],
};

const driver: Section = {
  prefix: 'JSZ',
  category: 'driver',
  group: 'C',
  centreOnly: false,
  channels: ['window', 'online'],
  fields: ['idNumber', 'phone', 'licenceNumber'],
  rows: [
    {
      name: '驾驶证有效期满换证',
      en: 'Driving licence renewal on expiry',
      days: 1,
      fee: 10,
      channels: ['window', 'online', 'kiosk'],
      materials: [ID, LIC, '身体条件证明'],
    },
    { name: '补领驾驶证', en: 'Replacement driving licence', days: 1, fee: 10, materials: [ID, PHOTO] },
    {
      name: '驾驶证损毁换证',
      en: 'Driving licence renewal when damaged',
      days: 1,
      fee: 10,
      materials: [ID, '损毁的驾驶证', PHOTO],
    },
    {
      name: '驾驶人体检（自助）',
      en: 'Driver health check, self-service',
      days: 1,
      channels: ['kiosk'],
      materials: [ID],
    },
    {
      name: '提交身体条件证明',
      en: 'Submit a driver health certificate',
      days: 1,
      channels: ['online', 'window'],
      materials: [ID, '身体条件证明'],
    },
    {
      name: '驾驶证审验',
      en: 'Driving licence review',
      days: 1,
      channels: ['online', 'window'],
      materials: [ID, LIC],
    },
    {
      name: '驾驶证转入（外省市转入）',
      en: 'Driving licence transfer in',
      days: 1,
      fee: 10,
      materials: [ID, LIC, '身体条件证明'],
    },
    {
      name: '驾驶证降级换证',
      en: 'Driving licence downgrade',
      days: 1,
      fee: 10,
      materials: [ID, LIC],
      fields: ['licenceClass'],
    },
    {
      name: '增加准驾车型申请',
      en: 'Application for an additional licence class',
      days: 20,
      promised: 5,
      materials: [ID, LIC, '身体条件证明'],
      fields: ['licenceClass'],
    },
    {
      name: '学习驾驶证明签发',
      en: 'Learner driving permit',
      days: 1,
      materials: [ID, '身体条件证明'],
      fields: ['licenceClass'],
    },
    {
      name: '驾驶证延期换证',
      en: 'Deferred driving licence renewal',
      days: 1,
      fee: 10,
      materials: [ID, LIC, '延期事由证明'],
      fields: ['reason'],
    },
    {
      name: '延期提交身体条件证明',
      en: 'Deferred health certificate',
      days: 1,
      channels: ['online', 'window'],
      materials: [ID, '延期事由证明'],
      fields: ['reason'],
    },
    {
      name: '恢复驾驶资格',
      en: 'Restoration of driving entitlement',
      days: 20,
      promised: 5,
      materials: [ID, '身体条件证明', '考试合格证明'],
    },
    { name: '注销驾驶证', en: 'Driving licence cancellation', days: 1, materials: [ID, LIC] },
    {
      name: '驾驶人联系方式变更',
      en: 'Change of driver contact details',
      days: 1,
      channels: ['online', 'kiosk', 'window'],
      materials: [ID],
    },
    {
      name: '境外驾驶证换领',
      en: 'Exchange of a foreign driving licence',
      days: 20,
      promised: 10,
      fee: 10,
      centreOnly: true,
      materials: ['护照或居民身份证', '境外驾驶证及中文译本', '身体条件证明', PHOTO],
      fields: ['nationality'],
    },
    {
      name: '满分学习预约',
      en: 'Booking the full-penalty-points course',
      days: 1,
      channels: ['online', 'window'],
      materials: [ID, LIC],
    },
    {
      name: '驾驶人考试预约',
      en: 'Driving test booking',
      days: 1,
      channels: ['online', 'window'],
      materials: [ID, '学习驾驶证明'],
      fields: ['licenceClass'],
    },
  ],
};

const trafficViolation: Section = {
  prefix: 'WF',
  category: 'traffic-violation',
  group: 'D',
  centreOnly: false,
  channels: ['window', 'online', 'kiosk'],
  fields: ['idNumber', 'phone', 'plate'],
  rows: [
    {
      name: '交通技术监控违法处理',
      en: 'Camera-recorded traffic violation',
      days: 1,
      materials: [ID, LIC, '机动车行驶证'],
      fields: ['violations'],
    },
    {
      name: '交通违法罚款缴纳',
      en: 'Traffic fine payment',
      days: 1,
      materials: ['处罚决定书'],
      fields: ['decision'],
    },
    {
      name: '非机动车交通违法处理',
      en: 'Non-motor-vehicle traffic violation',
      days: 1,
      channels: ['window'],
      materials: [ID],
    },
    {
      name: '单位车辆交通违法处理',
      en: 'Traffic violations of company vehicles',
      days: 1,
      channels: ['window', 'online'],
      materials: ['单位委托书', '经办人居民身份证', '驾驶人驾驶证'],
      fields: ['orgName', 'violations'],
    },
    {
      name: '违法停车告知单处理',
      en: 'Parking notice settlement',
      days: 1,
      channels: ['online', 'kiosk'],
      materials: ['违法停车告知单'],
    },
    {
      name: '道路交通事故快处快赔',
      en: 'Minor road accident fast settlement',
      days: 1,
      channels: ['online', 'window'],
      materials: [ID, LIC, '事故现场照片'],
    },
    {
      name: '暂扣车辆放行',
      en: 'Release of a detained vehicle',
      days: 1,
      channels: ['window'],
      materials: [ID, '暂扣凭证', '处罚履行凭证'],
    },
    {
      name: '道路交通事故认定复核申请',
      en: 'Review of a road accident determination',
      days: 30,
      promised: 20,
      centreOnly: true,
      channels: ['window'],
      materials: [ID, '道路交通事故认定书', '复核申请书'],
      fields: ['reason'],
    },
  ],
};

const publicOrder: Section = {
  prefix: 'ZA',
  category: 'public-order',
  group: 'E',
  centreOnly: true,
  channels: ['window', 'online'],
  fields: ['orgName', 'creditCode', 'phone'],
  rows: [
    {
      name: '印章刻制备案',
      en: 'Seal engraving filing',
      days: 1,
      centreOnly: false,
      materials: [BIZ, '法定代表人居民身份证', '印章式样'],
    },
    {
      name: '机动车修理业备案',
      en: 'Motor vehicle repair business filing',
      days: 1,
      centreOnly: false,
      materials: [BIZ, '经营场所证明', '治安保卫制度'],
      fields: ['premises'],
    },
    {
      name: '旅馆业特种行业许可证核发',
      en: 'Hotel special-trade licence',
      days: 20,
      promised: 10,
      materials: [BIZ, '消防安全检查合格证明', '经营场所平面图', '治安保卫制度'],
      fields: ['premises'],
    },
    {
      name: '旅馆业特种行业许可证变更',
      en: 'Hotel special-trade licence amendment',
      days: 20,
      promised: 5,
      materials: ['原特种行业许可证', '变更事项证明'],
      fields: ['premises'],
    },
    {
      name: '公章刻制业特种行业许可证核发',
      en: 'Seal engraving trade licence',
      days: 20,
      promised: 10,
      materials: [BIZ, '刻制设备清单', '从业人员名单', '治安保卫制度'],
      fields: ['premises'],
    },
    {
      name: '保安员证核发',
      en: 'Security guard certificate',
      days: 15,
      promised: 10,
      materials: [ID, '保安员考试合格证明', PHOTO],
      fields: ['idNumber'],
    },
    {
      name: '大型群众性活动安全许可',
      en: 'Large public event safety permit',
      days: 7,
      promised: 5,
      materials: ['安全工作方案', '场所使用证明', '承办者资质证明'],
      fields: ['eventDate', 'attendance', 'premises'],
    },
    {
      name: '民用枪支持枪证核发',
      en: 'Civilian firearm holder licence',
      days: 30,
      promised: 20,
      materials: ['单位批准文件', '持枪人员名单及证明', '枪支存放设施证明'],
    },
    {
      name: '剧毒化学品购买许可证',
      en: 'Highly toxic chemicals purchase permit',
      days: 3,
      promised: 2,
      materials: [BIZ, '经办人居民身份证', '用途说明'],
      fields: ['reason'],
    },
    {
      name: '烟花爆竹道路运输许可证',
      en: 'Fireworks road transport permit',
      days: 3,
      promised: 1,
      materials: ['承运单位危险货物运输资质', '驾驶员及押运员资格证明', '购销合同'],
    },
    {
      name: '废旧金属收购业备案',
      en: 'Scrap metal purchasing business filing',
      days: 1,
      centreOnly: false,
      materials: [BIZ, '经营场所证明'],
      fields: ['premises'],
    },
    {
      name: '典当业特种行业许可证核发',
      en: 'Pawn trade special-trade licence',
      days: 20,
      promised: 10,
      materials: ['典当经营许可证', BIZ, '经营场所证明', '治安保卫制度'],
      fields: ['premises'],
    },
  ],
};

const SECTIONS = [household, idCard, exitEntry, vehicle, driver, trafficViolation, publicOrder];

function build(section: Section, row: Row, index: number): DemoServiceItem {
  const promised = row.promised !== undefined;
  const keys = [...new Set([...section.fields, ...(row.fields ?? [])])];
  return {
    code: `${section.prefix}-${String(index + 1).padStart(3, '0')}`,
    name: row.name,
    nameEn: row.en,
    category: section.category,
    kind: promised ? 'promised' : 'immediate',
    statutoryDays: row.days,
    promisedDays: row.promised ?? 0,
    expeditedDays: row.expedited ?? null,
    materials: [...row.materials],
    feeYuan: row.fee ?? 0,
    channels: [...(row.channels ?? section.channels)],
    centreOnly: row.centreOnly ?? section.centreOnly,
    group: section.group,
    attributes: keys.map((k, i) => {
      const f: Field = FIELDS[k];
      return { ...f, ...(f.values ? { values: f.values.map((v) => ({ ...v })) } : {}), order: i + 1 };
    }),
  };
}

/** The demo bureau's 120 service items, each call a fresh copy. */
export function demoCatalogue(): DemoServiceItem[] {
  return SECTIONS.flatMap((s) => s.rows.map((r, i) => build(s, r, i)));
}
