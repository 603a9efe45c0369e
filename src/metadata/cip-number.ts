/**
 * The CIP 核字 line as the issuing agency prints it: before 2024-04-01
 * 中国版本图书馆CIP数据核字（2017）第204165号, under GB/T 12451-2023
 * 中国国家版本馆CIP数据核字第2024SZ1581号 (year and six letters or digits).
 */
export const CIP_NUMBER_2001 = /^中国版本图书馆CIP数据核字（(\d{4})）第(\d+)号$/;
export const CIP_NUMBER_2023 = /^中国国家版本馆CIP数据核字第(\d{4})[0-9A-Z]{6}号$/;

export function checkCipNumber(value: string, profile: '2001' | '2023'): { hint: string } | undefined {
  const pattern = profile === '2001' ? CIP_NUMBER_2001 : CIP_NUMBER_2023;
  if (pattern.test(value)) return undefined;
  if (/[()]/.test(value)) return { hint: `Use full-width parentheses （） as issued: ${value.replace(/\(/g, '（').replace(/\)/g, '）')}.` };
  if (/\s/.test(value)) return { hint: 'Write the 核字 line without spaces, exactly as issued.' };
  const other = profile === '2001' ? CIP_NUMBER_2023 : CIP_NUMBER_2001;
  if (other.test(value)) {
    return {
      hint:
        profile === '2001'
          ? 'This is a GB/T 12451-2023 number (中国国家版本馆): set `cip.profile: "2023"`.'
          : 'This is a pre-2024 number (中国版本图书馆): set `cip.profile: "2001"`.',
    };
  }
  return {
    hint:
      profile === '2001'
        ? 'Write it as issued, e.g. 中国版本图书馆CIP数据核字（2017）第204165号.'
        : 'Write it as issued, e.g. 中国国家版本馆CIP数据核字第2024SZ1581号.',
  };
}
