import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { PageBudget } from "./CompilePage";

const stats = (bodyPages: number | null, limit: number | null, extra: Partial<{ estimated: boolean; totalPages: number | null }> = {}) => ({
  pageLimit: limit,
  pageStats: { bodyPages, totalPages: extra.totalPages ?? null, estimated: extra.estimated ?? false, limit, overLimit: limit !== null && bodyPages !== null && bodyPages > limit, totalWords: 0, longest: [] },
});

describe("page budget before sending", () => {
  afterEach(cleanup);

  it("shows the body's pages against the template's limit", () => {
    render(<PageBudget draft={stats(64, 70, { totalPages: 89 })} />);
    expect(screen.getByTestId("page-budget").textContent).toContain("64 / 70 trang");
    expect(screen.getByText("Trong giới hạn")).toBeTruthy();
    expect(screen.getByText("· cả phụ lục 89 trang")).toBeTruthy();
  });

  it("says by how much a report is over the limit", () => {
    render(<PageBudget draft={stats(79, 70)} />);
    expect(screen.getByText("Vượt giới hạn 9 trang")).toBeTruthy();
  });

  it("marks an estimate and a report without a PDF", () => {
    render(<PageBudget draft={stats(12, null, { estimated: true })} />);
    expect(screen.getByTestId("page-budget").textContent).toContain("ước tính theo số từ");
    cleanup();
    render(<PageBudget draft={stats(null, 70)} />);
    expect(screen.getByText("Chưa đếm được số trang (chưa có PDF).")).toBeTruthy();
  });
});
