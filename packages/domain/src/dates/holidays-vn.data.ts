// Lịch nghỉ lễ, Tết của cán bộ, công chức, viên chức 2019–2027 (dữ liệu khởi tạo).
//
// ĐÂY LÀ DỮ LIỆU, KHÔNG PHẢI QUY TẮC: trong ứng dụng, người quản trị sửa lịch này (thêm năm mới, đổi ngày theo
// thông báo hoán đổi ngày làm việc của Thủ tướng / Bộ Nội vụ (trước 2025: Bộ LĐ-TB&XH), thêm ngày nghỉ riêng
// của địa phương). Mã chỉ dùng bản này làm giá trị ban đầu.
//
// Căn cứ: Bộ luật Lao động 2012 (Điều 115) cho 2019–2020 và Bộ luật Lao động 2019 (Điều 112) từ 2021: Tết Dương
// lịch 01/01; Tết Âm lịch 05 ngày; Giỗ Tổ Hùng Vương 10/3 âm lịch; 30/4; 01/5; Quốc khánh 02/9 (từ 2021 thêm 01
// ngày liền kề trước hoặc sau). Ngày lễ trùng ngày nghỉ hằng tuần được nghỉ bù vào ngày làm việc kế tiếp. Khoảng
// nghỉ Tết cụ thể và các ngày hoán đổi theo thông báo hằng năm.
//
// Ngày âm lịch theo luật (mùng 1 Tết, 10/3 âm lịch) được đối chiếu với gói npm `date-holidays` (quốc gia VN)
// trong holidays-vn.data.test.ts. Mục ghi `provisional: true` là dự kiến khi soạn dữ liệu (chưa có thông báo
// chính thức): người quản trị xác nhận hoặc sửa khi có thông báo.

import type { PlainDate } from "./plain-date.js";
import { fromDayNumber, toDayNumber } from "./plain-date.js";
import type { HolidayCalendar } from "./working-days.js";

export type HolidayKind = "tet-duong-lich" | "tet-nguyen-dan" | "gio-to" | "30-4-1-5" | "quoc-khanh";

export interface HolidayBreak {
  /** Ngày đầu và ngày cuối của đợt nghỉ liên tục (gồm cả thứ Bảy, Chủ nhật nằm trong đợt). */
  from: PlainDate;
  to: PlainDate;
  kind: HolidayKind;
  name: string;
  /** Năm dương lịch mà đợt nghỉ thuộc về (Tết Dương lịch 2019 bắt đầu từ 29/12/2018). */
  year: number;
  note?: string;
  provisional?: boolean;
}

export interface WorkingWeekend {
  date: PlainDate;
  note: string;
  provisional?: boolean;
}

/** Ngày lễ theo luật (một ngày), để đối chiếu: mùng 1 Tết và 10/3 âm lịch theo lịch âm Việt Nam. */
export interface StatutoryHoliday {
  date: PlainDate;
  kind: HolidayKind;
  name: string;
}

export const VN_HOLIDAY_BREAKS: readonly HolidayBreak[] = Object.freeze([
  // 2019
  { year: 2019, kind: "tet-duong-lich", name: "Tết Dương lịch 2019", from: "2018-12-29", to: "2019-01-01", note: "Hoán đổi thứ Hai 31/12/2018, làm bù thứ Bảy 05/01/2019" },
  { year: 2019, kind: "tet-nguyen-dan", name: "Tết Nguyên đán Kỷ Hợi", from: "2019-02-02", to: "2019-02-10" },
  { year: 2019, kind: "gio-to", name: "Giỗ Tổ Hùng Vương 2019", from: "2019-04-13", to: "2019-04-15", note: "10/3 âm lịch là Chủ nhật 14/4, nghỉ bù thứ Hai 15/4" },
  { year: 2019, kind: "30-4-1-5", name: "Ngày Giải phóng miền Nam 30/4 và Quốc tế Lao động 01/5/2019", from: "2019-04-27", to: "2019-05-01", note: "Hoán đổi thứ Hai 29/4, làm bù thứ Bảy 04/5/2019" },
  { year: 2019, kind: "quoc-khanh", name: "Quốc khánh 2019", from: "2019-08-31", to: "2019-09-02" },
  // 2020
  { year: 2020, kind: "tet-duong-lich", name: "Tết Dương lịch 2020", from: "2020-01-01", to: "2020-01-01" },
  { year: 2020, kind: "tet-nguyen-dan", name: "Tết Nguyên đán Canh Tý", from: "2020-01-23", to: "2020-01-29" },
  { year: 2020, kind: "gio-to", name: "Giỗ Tổ Hùng Vương 2020", from: "2020-04-02", to: "2020-04-02" },
  { year: 2020, kind: "30-4-1-5", name: "Ngày Giải phóng miền Nam 30/4 và Quốc tế Lao động 01/5/2020", from: "2020-04-30", to: "2020-05-03" },
  { year: 2020, kind: "quoc-khanh", name: "Quốc khánh 2020", from: "2020-09-02", to: "2020-09-02" },
  // 2021
  { year: 2021, kind: "tet-duong-lich", name: "Tết Dương lịch 2021", from: "2021-01-01", to: "2021-01-03" },
  { year: 2021, kind: "tet-nguyen-dan", name: "Tết Nguyên đán Tân Sửu", from: "2021-02-10", to: "2021-02-16" },
  { year: 2021, kind: "gio-to", name: "Giỗ Tổ Hùng Vương 2021", from: "2021-04-21", to: "2021-04-21" },
  { year: 2021, kind: "30-4-1-5", name: "Ngày Giải phóng miền Nam 30/4 và Quốc tế Lao động 01/5/2021", from: "2021-04-30", to: "2021-05-03", note: "01/5 là thứ Bảy, nghỉ bù thứ Hai 03/5" },
  { year: 2021, kind: "quoc-khanh", name: "Quốc khánh 2021", from: "2021-09-02", to: "2021-09-05", note: "Nghỉ 02/9 và 03/9" },
  // 2022
  { year: 2022, kind: "tet-duong-lich", name: "Tết Dương lịch 2022", from: "2022-01-01", to: "2022-01-03", note: "01/01 là thứ Bảy, nghỉ bù thứ Hai 03/01" },
  { year: 2022, kind: "tet-nguyen-dan", name: "Tết Nguyên đán Nhâm Dần", from: "2022-01-29", to: "2022-02-06" },
  { year: 2022, kind: "gio-to", name: "Giỗ Tổ Hùng Vương 2022", from: "2022-04-09", to: "2022-04-11", note: "10/3 âm lịch là Chủ nhật 10/4, nghỉ bù thứ Hai 11/4" },
  { year: 2022, kind: "30-4-1-5", name: "Ngày Giải phóng miền Nam 30/4 và Quốc tế Lao động 01/5/2022", from: "2022-04-30", to: "2022-05-03", note: "Hai ngày lễ rơi vào thứ Bảy, Chủ nhật, nghỉ bù 02/5 và 03/5" },
  { year: 2022, kind: "quoc-khanh", name: "Quốc khánh 2022", from: "2022-09-01", to: "2022-09-04", note: "Nghỉ 01/9 và 02/9" },
  // 2023
  { year: 2023, kind: "tet-duong-lich", name: "Tết Dương lịch 2023", from: "2022-12-31", to: "2023-01-02", note: "01/01 là Chủ nhật, nghỉ bù thứ Hai 02/01" },
  { year: 2023, kind: "tet-nguyen-dan", name: "Tết Nguyên đán Quý Mão", from: "2023-01-20", to: "2023-01-26" },
  { year: 2023, kind: "gio-to", name: "Giỗ Tổ Hùng Vương, 30/4 và 01/5/2023", from: "2023-04-29", to: "2023-05-03", note: "Giỗ Tổ (thứ Bảy 29/4) và 30/4 (Chủ nhật) nghỉ bù 02/5 và 03/5" },
  { year: 2023, kind: "quoc-khanh", name: "Quốc khánh 2023", from: "2023-09-01", to: "2023-09-04", note: "Nghỉ 01/9 và 02/9 (thứ Bảy), nghỉ bù thứ Hai 04/9" },
  // 2024
  { year: 2024, kind: "tet-duong-lich", name: "Tết Dương lịch 2024", from: "2023-12-30", to: "2024-01-01" },
  { year: 2024, kind: "tet-nguyen-dan", name: "Tết Nguyên đán Giáp Thìn", from: "2024-02-08", to: "2024-02-14" },
  { year: 2024, kind: "gio-to", name: "Giỗ Tổ Hùng Vương 2024", from: "2024-04-18", to: "2024-04-18" },
  { year: 2024, kind: "30-4-1-5", name: "Ngày Giải phóng miền Nam 30/4 và Quốc tế Lao động 01/5/2024", from: "2024-04-27", to: "2024-05-01", note: "Hoán đổi thứ Hai 29/4, làm bù thứ Bảy 04/5/2024" },
  { year: 2024, kind: "quoc-khanh", name: "Quốc khánh 2024", from: "2024-08-31", to: "2024-09-03", note: "Nghỉ 02/9 và 03/9" },
  // 2025
  { year: 2025, kind: "tet-duong-lich", name: "Tết Dương lịch 2025", from: "2025-01-01", to: "2025-01-01" },
  { year: 2025, kind: "tet-nguyen-dan", name: "Tết Nguyên đán Ất Tỵ", from: "2025-01-25", to: "2025-02-02" },
  { year: 2025, kind: "gio-to", name: "Giỗ Tổ Hùng Vương 2025", from: "2025-04-05", to: "2025-04-07" },
  { year: 2025, kind: "30-4-1-5", name: "Ngày Giải phóng miền Nam 30/4 và Quốc tế Lao động 01/5/2025", from: "2025-04-30", to: "2025-05-04", note: "Hoán đổi thứ Sáu 02/5, làm bù thứ Bảy 26/4/2025" },
  { year: 2025, kind: "quoc-khanh", name: "Quốc khánh 2025", from: "2025-08-30", to: "2025-09-02", note: "Nghỉ 01/9 và 02/9" },
  // 2026
  { year: 2026, kind: "tet-duong-lich", name: "Tết Dương lịch 2026", from: "2026-01-01", to: "2026-01-04", note: "Hoán đổi thứ Sáu 02/01, làm bù thứ Bảy 10/01/2026", provisional: true },
  { year: 2026, kind: "tet-nguyen-dan", name: "Tết Nguyên đán Bính Ngọ", from: "2026-02-14", to: "2026-02-22" },
  { year: 2026, kind: "gio-to", name: "Giỗ Tổ Hùng Vương 2026", from: "2026-04-25", to: "2026-04-27", note: "10/3 âm lịch là Chủ nhật 26/4, nghỉ bù thứ Hai 27/4" },
  { year: 2026, kind: "30-4-1-5", name: "Ngày Giải phóng miền Nam 30/4 và Quốc tế Lao động 01/5/2026", from: "2026-04-30", to: "2026-05-03" },
  { year: 2026, kind: "quoc-khanh", name: "Quốc khánh 2026", from: "2026-09-02", to: "2026-09-03", note: "Ngày liền kề 02/9 chờ thông báo chính thức", provisional: true },
  // 2027: dự kiến theo Bộ luật Lao động (chưa có thông báo chính thức khi soạn dữ liệu, 11/2026)
  { year: 2027, kind: "tet-duong-lich", name: "Tết Dương lịch 2027", from: "2027-01-01", to: "2027-01-03", note: "01/01/2027 là thứ Sáu", provisional: true },
  {
    year: 2027,
    kind: "tet-nguyen-dan",
    name: "Tết Nguyên đán Đinh Mùi",
    from: "2027-02-05",
    to: "2027-02-11",
    note: "Dự kiến: 30 Tết (thứ Sáu 05/02) đến mùng 6 (thứ Năm 11/02); mùng 1 là thứ Bảy 06/02",
    provisional: true,
  },
  { year: 2027, kind: "gio-to", name: "Giỗ Tổ Hùng Vương 2027", from: "2027-04-16", to: "2027-04-18", note: "10/3 âm lịch là thứ Sáu 16/4", provisional: true },
  {
    year: 2027,
    kind: "30-4-1-5",
    name: "Ngày Giải phóng miền Nam 30/4 và Quốc tế Lao động 01/5/2027",
    from: "2027-04-30",
    to: "2027-05-03",
    note: "01/5 là thứ Bảy, nghỉ bù thứ Hai 03/5",
    provisional: true,
  },
  { year: 2027, kind: "quoc-khanh", name: "Quốc khánh 2027", from: "2027-09-02", to: "2027-09-05", note: "Dự kiến nghỉ thêm thứ Sáu 03/9 liền kề", provisional: true },
] satisfies HolidayBreak[]);

export const VN_WORKING_WEEKENDS: readonly WorkingWeekend[] = Object.freeze([
  { date: "2019-01-05", note: "Làm bù cho thứ Hai 31/12/2018 (Tết Dương lịch 2019)" },
  { date: "2019-05-04", note: "Làm bù cho thứ Hai 29/4/2019" },
  { date: "2024-05-04", note: "Làm bù cho thứ Hai 29/4/2024" },
  { date: "2025-04-26", note: "Làm bù cho thứ Sáu 02/5/2025" },
  { date: "2026-01-10", note: "Làm bù cho thứ Sáu 02/01/2026", provisional: true },
] satisfies WorkingWeekend[]);

/** Ngày lễ theo luật (không gồm ngày nghỉ bù, hoán đổi): để đối chiếu với lịch âm. */
export const VN_STATUTORY_HOLIDAYS: readonly StatutoryHoliday[] = Object.freeze([
  ...[2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027].flatMap((y) => [
    { date: `${y}-01-01`, kind: "tet-duong-lich" as const, name: "Tết Dương lịch" },
    { date: `${y}-04-30`, kind: "30-4-1-5" as const, name: "Ngày Giải phóng miền Nam, thống nhất đất nước" },
    { date: `${y}-05-01`, kind: "30-4-1-5" as const, name: "Ngày Quốc tế Lao động" },
    { date: `${y}-09-02`, kind: "quoc-khanh" as const, name: "Quốc khánh" },
  ]),
  // Mùng 1 Tết Nguyên đán (1/1 âm lịch)
  ...(
    [
      ["2019-02-05", "Kỷ Hợi"],
      ["2020-01-25", "Canh Tý"],
      ["2021-02-12", "Tân Sửu"],
      ["2022-02-01", "Nhâm Dần"],
      ["2023-01-22", "Quý Mão"],
      ["2024-02-10", "Giáp Thìn"],
      ["2025-01-29", "Ất Tỵ"],
      ["2026-02-17", "Bính Ngọ"],
      ["2027-02-06", "Đinh Mùi"],
    ] as const
  ).map(([date, can]) => ({ date, kind: "tet-nguyen-dan" as const, name: `Mùng 1 Tết ${can}` })),
  // Giỗ Tổ Hùng Vương (10/3 âm lịch)
  ...["2019-04-14", "2020-04-02", "2021-04-21", "2022-04-10", "2023-04-29", "2024-04-18", "2025-04-07", "2026-04-26", "2027-04-16"].map(
    (date) => ({ date, kind: "gio-to" as const, name: "Giỗ Tổ Hùng Vương (10/3 âm lịch)" }),
  ),
].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)));

function expandBreak(b: HolidayBreak): PlainDate[] {
  const out: PlainDate[] = [];
  const end = toDayNumber(b.to);
  for (let d = toDayNumber(b.from); d <= end; d++) out.push(fromDayNumber(d));
  return out;
}

/**
 * Lịch nghỉ của các năm `years` (mặc định 2019–2027): mọi ngày trong các đợt nghỉ (kể cả cuối tuần trong đợt)
 * và các ngày cuối tuần làm bù.
 */
export function vnHolidayCalendar(years?: readonly number[]): HolidayCalendar {
  const wanted = years === undefined ? null : new Set(years);
  const holidays: PlainDate[] = [];
  for (const b of VN_HOLIDAY_BREAKS) if (wanted === null || wanted.has(b.year)) holidays.push(...expandBreak(b));
  const workingWeekends = VN_WORKING_WEEKENDS.filter((w) => wanted === null || wanted.has(Number(w.date.slice(0, 4)))).map(
    (w) => w.date,
  );
  return { holidays: holidays.sort(), workingWeekends: workingWeekends.sort() };
}

/** Lịch nghỉ lễ, Tết 2019–2027 (dữ liệu khởi tạo, người quản trị sửa trong ứng dụng). */
export const VN_HOLIDAYS: HolidayCalendar = Object.freeze(vnHolidayCalendar());
