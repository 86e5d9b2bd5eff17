import type { MeResponse, Role, SessionUser } from "@tonghop/contracts";
import { useQuery, useQueryClient } from "@tanstack/react-query";
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
      queryClient.clear();
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
      queryClient.clear();
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
