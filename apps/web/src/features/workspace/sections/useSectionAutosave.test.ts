import type { SectionConflictDto, SectionDto, SectionWriteResultDto } from "@tonghop/contracts";
import { act, renderHook } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../api/client";
import { useSectionAutosave } from "./useSectionAutosave";

const section = (version: number, html: string, by = "Lê Thị Kê"): SectionDto => ({
  id: "00000000-0000-4000-8000-000000000001",
  itemId: "00000000-0000-4000-8000-000000000002",
  agencyId: "00000000-0000-4000-8000-000000000003",
  agencyName: "Cục Thống kê",
  html,
  version,
  wordCount: 1,
  pages: 0.1,
  updatedAt: "2024-05-02T02:00:00.000Z",
  updatedBy: { id: "00000000-0000-4000-8000-000000000004", name: by },
});
const ok = (version: number, html: string): SectionWriteResultDto => ({ section: section(version, html), notices: [] });

/** A server holding one section with optimistic concurrency, like the real one. */
function fakeServer(start = 1) {
  let current = section(start, "<p>gốc</p>");
  const calls: Array<{ html: string; base: number }> = [];
  const save = vi.fn(async (_a: string, _i: string, html: string, base: number) => {
    calls.push({ html, base });
    await Promise.resolve();
    if (base !== current.version) {
      const details: SectionConflictDto = { yours: { html, baseVersion: base }, theirs: current };
      throw new ApiError(409, "VERSION_CONFLICT", "Mục vừa được người khác lưu", details);
    }
    current = section(current.version + 1, html);
    const result: SectionWriteResultDto = { section: current, notices: [] };
    return result;
  });
  return {
    save,
    calls,
    current: () => current,
    /** Someone else saves meanwhile. */
    otherSaves(html: string) {
      current = section(current.version + 1, html, "Vũ Đức Thống");
    },
  };
}

describe("useSectionAutosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (server: ReturnType<typeof fakeServer>, version = 1) =>
    renderHook(() => useSectionAutosave({ assignmentId: "a", itemId: "i", version, enabled: true, delayMs: 1000, save: server.save }));

  it("saves after an idle delay against the loaded version, then against the new one", async () => {
    const server = fakeServer();
    const { result } = setup(server);
    act(() => result.current.change("<p>một</p>"));
    expect(result.current.status).toBe("dirty");
    act(() => result.current.change("<p>một hai</p>"));
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(server.calls).toEqual([{ html: "<p>một hai</p>", base: 1 }]);
    expect(result.current.status).toBe("saved");
    act(() => result.current.change("<p>một hai ba</p>"));
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(server.calls[1]).toEqual({ html: "<p>một hai ba</p>", base: 2 });
    expect(server.current().version).toBe(3);
  });

  it("typing during a save queues the next save; nothing is lost", async () => {
    const server = fakeServer();
    let release: () => void = () => undefined;
    const slow = vi.fn(async (a: string, i: string, html: string, base: number) => {
      await new Promise<void>((r) => (release = r));
      return server.save(a, i, html, base);
    });
    const { result } = renderHook(() => useSectionAutosave({ assignmentId: "a", itemId: "i", version: 1, enabled: true, delayMs: 1000, save: slow }));
    act(() => result.current.change("<p>A</p>"));
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(result.current.status).toBe("saving");
    act(() => result.current.change("<p>AB</p>"));
    await act(async () => {
      release();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(result.current.status).toBe("dirty");
    await act(async () => {
      await vi.advanceTimersByTimeAsync(1000);
      release();
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(server.calls).toEqual([
      { html: "<p>A</p>", base: 1 },
      { html: "<p>AB</p>", base: 2 },
    ]);
    expect(result.current.status).toBe("saved");
  });

  it("a conflict stops autosave and shows both versions; keeping mine saves on top of theirs", async () => {
    const server = fakeServer();
    const { result } = setup(server);
    server.otherSaves("<p>bản của lãnh đạo</p>");
    act(() => result.current.change("<p>bản của tôi</p>"));
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(result.current.status).toBe("conflict");
    expect(result.current.conflict?.theirs).toMatchObject({ version: 2, html: "<p>bản của lãnh đạo</p>" });
    expect(result.current.mine).toBe("<p>bản của tôi</p>");
    // Still typing while the dialog is open: no save is attempted.
    act(() => result.current.change("<p>bản của tôi, sửa thêm</p>"));
    await act(async () => vi.advanceTimersByTimeAsync(5000));
    expect(server.calls).toHaveLength(1);
    expect(result.current.mine).toBe("<p>bản của tôi, sửa thêm</p>");
    await act(async () => {
      result.current.keepMine(result.current.mine);
      await vi.advanceTimersByTimeAsync(0);
    });
    expect(server.calls[1]).toEqual({ html: "<p>bản của tôi, sửa thêm</p>", base: 2 });
    expect(server.current()).toMatchObject({ version: 3, html: "<p>bản của tôi, sửa thêm</p>" });
    expect(result.current.status).toBe("saved");
  });

  it("taking theirs drops mine and continues from their version", async () => {
    const server = fakeServer();
    const { result } = setup(server);
    server.otherSaves("<p>bản kia</p>");
    act(() => result.current.change("<p>bản này</p>"));
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    let html = "";
    act(() => {
      html = result.current.takeTheirs();
    });
    expect(html).toBe("<p>bản kia</p>");
    expect(result.current.status).toBe("saved");
    act(() => result.current.change("<p>bản kia, thêm</p>"));
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(server.calls.at(-1)).toEqual({ html: "<p>bản kia, thêm</p>", base: 2 });
  });

  it("a network failure keeps the text and retries; a refusal stops with its message", async () => {
    let fail = true;
    const save = vi.fn(async (_a: string, _i: string, html: string, base: number) => {
      await Promise.resolve();
      if (fail) throw new ApiError(0, "NETWORK", "Không kết nối được máy chủ.");
      return ok(base + 1, html);
    });
    const { result } = renderHook(() => useSectionAutosave({ assignmentId: "a", itemId: "i", version: 1, enabled: true, delayMs: 1000, save }));
    act(() => result.current.change("<p>x</p>"));
    await act(async () => vi.advanceTimersByTimeAsync(1000));
    expect(result.current.status).toBe("error");
    expect(result.current.error).toBe("Không kết nối được máy chủ.");
    fail = false;
    await act(async () => vi.advanceTimersByTimeAsync(5000));
    expect(result.current.status).toBe("saved");
    expect(save.mock.calls.at(-1)?.[2]).toBe("<p>x</p>");

    const refused = vi.fn(async () => {
      await Promise.resolve();
      throw new ApiError(403, "FORBIDDEN", "Nhiệm vụ đã gửi cơ quan tổng hợp nên bị khoá");
    });
    const second = renderHook(() => useSectionAutosave({ assignmentId: "a", itemId: "i", version: 1, enabled: true, delayMs: 1000, save: refused }));
    act(() => second.result.current.change("<p>y</p>"));
    await act(async () => vi.advanceTimersByTimeAsync(10_000));
    expect(refused).toHaveBeenCalledTimes(1);
    expect(second.result.current.error).toMatch(/bị khoá/);
    expect(second.result.current.hasPending()).toBe(true);
  });
});
