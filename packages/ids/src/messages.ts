/** Every reason an input can be refused, with the text shown to the user. One table, two languages. */
export type IdsReason =
  | 'id.empty'
  | 'id.format'
  | 'id.area'
  | 'id.date'
  | 'id.future'
  | 'id.checksum'
  | 'phone.empty'
  | 'phone.format'
  | 'phone.landline-format'
  | 'plate.empty'
  | 'plate.province'
  | 'plate.format';

export type IdsLocale = 'zh-CN' | 'en-US';

const MESSAGES: Record<IdsReason, Record<IdsLocale, string>> = {
  'id.empty': { 'zh-CN': '请输入身份证号。', 'en-US': 'Enter an ID card number.' },
  'id.format': {
    'zh-CN': '身份证号应为 18 位：前 17 位是数字，最后一位是数字或 X。',
    'en-US': 'An ID card number has 18 characters: 17 digits, then a digit or X.',
  },
  'id.area': {
    'zh-CN': '身份证号前 6 位不是有效的行政区划代码，请核对。',
    'en-US': 'The first 6 digits are not a valid area code; check them.',
  },
  'id.date': {
    'zh-CN': '身份证号第 7–14 位不是有效的出生日期，请核对。',
    'en-US': 'Digits 7–14 are not a real date of birth; check them.',
  },
  'id.future': {
    'zh-CN': '身份证号中的出生日期晚于今天，请核对。',
    'en-US': 'The date of birth in the number is later than today; check it.',
  },
  'id.checksum': {
    'zh-CN': '身份证号校验位不符，可能有一位输错，请逐位核对。',
    'en-US': 'The check character does not match: a digit is probably mistyped; check each one.',
  },
  'phone.empty': { 'zh-CN': '请输入电话号码。', 'en-US': 'Enter a phone number.' },
  'phone.format': {
    'zh-CN': '手机号应为 11 位数字，以 13–19 开头（可带 +86）。',
    'en-US': 'A mobile number has 11 digits starting 13–19 (an optional +86 in front).',
  },
  'phone.landline-format': {
    'zh-CN': '固定电话应为区号加 7–8 位号码，例如 0595-23521234。',
    'en-US': 'A landline is an area code plus 7–8 digits, e.g. 0595-23521234.',
  },
  'plate.empty': { 'zh-CN': '请输入车牌号。', 'en-US': 'Enter a number plate.' },
  'plate.province': {
    'zh-CN': '车牌第一个字应为省份简称，例如“闽”。',
    'en-US': 'A plate starts with a province character, e.g. 闽.',
  },
  'plate.format': {
    'zh-CN': '车牌格式不符：普通车牌 7 位，新能源车牌 8 位，字母不含 I 和 O。',
    'en-US':
      'Not a plate: ordinary plates have 7 characters, new-energy plates 8, without the letters I and O.',
  },
};

export function reasonMessage(reason: IdsReason, locale: IdsLocale = 'zh-CN'): string {
  return MESSAGES[reason][locale];
}
