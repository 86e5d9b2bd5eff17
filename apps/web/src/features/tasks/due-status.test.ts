import { describe, expect, it } from "vitest";
import { dueStatus, dueStatusText } from "./due-status";

describe("due status of an assignment", () => {
  it("counts working days left, skipping weekends and the 30/4–1/5 break with its swapped days", () => {
    // From Friday 26/4/2024 to Friday 10/5/2024: 29/4 was swapped off (made up on Saturday 4/5), 30/4 and 1/5 are
    // holidays, so the working days are 2, 3, 4 (Saturday, made up), 6, 7, 8, 9 and 10 May.
    const s = dueStatus("2024-05-10", "2024-04-26", "draft");
    expect(s).toEqual({ kind: "left", workingDays: 8 });
    expect(dueStatusText(s)).toBe("còn 8 ngày làm việc");
  });

  it("is overdue by calendar days after the due date, unless the work was sent", () => {
    expect(dueStatusText(dueStatus("2024-05-10", "2024-05-13", "draft"))).toBe("Quá hạn 3 ngày");
    expect(dueStatusText(dueStatus("2024-05-10", "2024-05-13", "returned"))).toBe("Quá hạn 3 ngày");
    expect(dueStatus("2024-05-10", "2024-05-13", "sent")).toEqual({ kind: "done" });
    expect(dueStatusText(dueStatus("2024-05-10", "2024-05-10", "submitted"))).toBe("Hạn hôm nay");
    expect(dueStatusText(dueStatus(null, "2024-05-10", "draft"))).toBe("Chưa có hạn");
  });
});
