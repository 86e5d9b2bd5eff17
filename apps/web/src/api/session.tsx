import type { MeResponse, Role, SessionUser } from "@tonghop/contracts";
import { type QueryClient, useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from "react";
import { api, ApiError, onUnauthenticated, setCsrfToken } from "./client";

interface SessionValue {
  user: SessionUser | null;
  loading: boolean;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const SessionContext = createContext<SessionValue | null>(null);
const ME_KEY = ["auth", "me"] as const;

function forgetOtherQueries(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (q) => !(q.queryKey[0] === ME_KEY[0] && q.queryKey[1] === ME_KEY[1]) });
  queryClient.getMutationCache().clear();
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: async () => {
      try {
        const res = await api.get<MeResponse>("/api/auth/me");
        setCsrfToken(res.csrfToken);
        return res.user;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });

  useEffect(
    () =>
      onUnauthenticated(() => {
        setCsrfToken(null);
        queryClient.setQueryData(ME_KEY, null);
      }),
    [queryClient],
  );

  const login = useCallback(
    async (username: string, password: string) => {
      const res = await api.post<MeResponse>("/api/auth/login", { username, password });
      setCsrfToken(res.csrfToken);
      // Drop the previous user's data but keep the session query itself: clear() would detach the
      // observer above from the cache and the new user would only appear after a reload.
      forgetOtherQueries(queryClient);
      queryClient.setQueryData(ME_KEY, res.user);
      return res.user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await api.post("/api/auth/logout");
    } finally {
      setCsrfToken(null);
      forgetOtherQueries(queryClient);
      queryClient.setQueryData(ME_KEY, null);
    }
  }, [queryClient]);

  const value = useMemo<SessionValue>(() => {
    const user = me.data ?? null;
    return {
      user,
      loading: me.isLoading,
      login,
      logout,
      hasRole: (...roles) => user != null && roles.some((r) => user.roles.includes(r)),
    };
  }, [me.data, me.isLoading, login, logout]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside SessionProvider");
  return value;
}
