import { useEffect, useRef, useState, type ReactNode } from "react";
import { isEager, onEagerChange, registerChart, setChartState, unregisterChart } from "./chart-runtime";

/**
 * Renders its children when the block comes near the viewport (one screen ahead), or at once in eager mode, and keeps
 * them afterwards; until then a placeholder of `minHeight` holds the place. A dashboard of hundreds of indicators
 * thus builds only what the reader can see. The block takes part in the page's readiness: while it has not been
 * placed it counts as a chart not yet painted; off screen it counts as deferred.
 */
export function LazyBlock({ minHeight, children, testId }: { minHeight: number; children: ReactNode; testId?: string }) {
  const el = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(isEager);
  useEffect(() => {
    if (shown) return;
    const node = el.current;
    if (!node) return;
    const id = registerChart();
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setShown(true);
        else setChartState(id, "deferred");
      },
      { rootMargin: "100% 0px" },
    );
    io.observe(node);
    const off = onEagerChange(() => {
      if (isEager()) setShown(true);
    });
    return () => {
      // Runs after the children's effects of the commit that shows them: their charts are registered first.
      io.disconnect();
      off();
      unregisterChart(id);
    };
  }, [shown]);
  if (shown) return <>{children}</>;
  return <div ref={el} data-testid={testId} data-lazy="pending" style={{ minHeight, background: "#fff", border: "1px solid #f0f0f0", borderRadius: 4 }} />;
}
